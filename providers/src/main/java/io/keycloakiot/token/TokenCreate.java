package io.keycloakiot.token;

import java.util.List;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Expiry;
import io.keycloakiot.common.TextRules;
import io.keycloakiot.permission.PermissionRequest;

/** The body of a new token; {@code permissions} absent or null = a device or ground token's default. */
record TokenCreate(String name, @JsonDeserialize(using = Expiry.Reader.class) Long expiresAt, Boolean enabled,
                   List<PermissionRequest> permissions) {

    TokenCreate {
        if (name == null) {
            throw ApiError.invalidField("name", "is required");
        }
        name = TextRules.name("name", name, TextRules.NAME_MAX);
        expiresAt = Expiry.future("expiresAt", expiresAt);
    }
}
