package io.keycloakiot.share;

import java.util.List;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Expiry;
import io.keycloakiot.common.TextRules;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a share invitation; {@code actions} are checked against the catalogue's device actions by the resource. */
@Schema(name = "ShareInvite")
record ShareInvite(@Schema(required = true) String email,
                   @Schema(required = true, description = "device-level actions of the catalogue's device type") List<String> actions,
                   @Schema(ref = "Expiry") @JsonDeserialize(using = Expiry.Reader.class) Long expiresAt,
                   @Schema(description = "the recipient may share it on (not for a re-share)") Boolean reshareAllowed) {

    ShareInvite {
        if (email == null) {
            throw ApiError.invalidField("email", "is required");
        }
        email = TextRules.email("email", email, ShareResource.EMAIL_MAX);
        expiresAt = Expiry.future("expiresAt", expiresAt);
    }
}
