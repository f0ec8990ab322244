package io.keycloakiot.share;

import java.util.List;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Expiry;
import io.keycloakiot.common.TextRules;

/** The body of a share invitation; {@code actions} are checked against the catalogue's device actions by the resource. */
record ShareInvite(String email, List<String> actions, @JsonDeserialize(using = Expiry.Reader.class) Long expiresAt,
                   Boolean reshareAllowed) {

    ShareInvite {
        if (email == null) {
            throw ApiError.invalidField("email", "is required");
        }
        email = TextRules.email("email", email, ShareResource.EMAIL_MAX);
        expiresAt = Expiry.future("expiresAt", expiresAt);
    }
}
