package io.keycloakiot.token;

import java.util.List;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Expiry;
import io.keycloakiot.common.TextRules;
import io.keycloakiot.permission.PermissionRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a new token; {@code permissions} absent or null = a device or ground token's default. */
@Schema(name = "TokenCreate")
record TokenCreate(@Schema(required = true) String name,
                   @Schema(ref = "Expiry") @JsonDeserialize(using = Expiry.Reader.class) Long expiresAt,
                   @Schema(description = "true when left out") Boolean enabled,
                   @Schema(nullable = true, description = "required for a profile; left out or null gives a device or ground"
                           + " token every device-level action") List<PermissionRequest> permissions) {

    TokenCreate {
        if (name == null) {
            throw ApiError.invalidField("name", "is required");
        }
        name = TextRules.name("name", name, TextRules.NAME_MAX);
        expiresAt = Expiry.future("expiresAt", expiresAt);
    }
}
