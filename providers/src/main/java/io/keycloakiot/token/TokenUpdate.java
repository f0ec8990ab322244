package io.keycloakiot.token;

import java.util.List;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Given;
import io.keycloakiot.common.TextRules;
import io.keycloakiot.permission.PermissionRequest;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a token's update: a PATCH changes the fields given, a PUT replaces name and permissions. */
@Schema(name = "TokenUpdate", description = "PATCH: the fields given change. PUT: `name` is required and `permissions`"
        + " replaced (left out or null: a device or ground token's default).")
record TokenUpdate(@Schema(implementation = String.class) Given<String> name,
                   @Schema(implementation = Boolean.class) Given<Boolean> enabled,
                   @Schema(type = SchemaType.ARRAY, implementation = PermissionRequest.class, nullable = true)
                   Given<List<PermissionRequest>> permissions) {

    TokenUpdate {
        if (name.value() != null) {
            name = Given.of(TextRules.name("name", name.value(), TextRules.NAME_MAX));
        }
    }

    /** As a PATCH: what is absent stays; {@code name} and {@code enabled} cannot be cleared. */
    TokenUpdate changing() {
        if (name.isNull()) {
            throw ApiError.invalidField("name", "cannot be null");
        }
        if (enabled.isNull()) {
            throw ApiError.invalidField("enabled", "cannot be null");
        }
        return this;
    }

    /** As a PUT: {@code name} is required; {@code enabled} absent or null stays. */
    TokenUpdate replacing() {
        if (name.value() == null) {
            throw ApiError.invalidField("name", "is required");
        }
        return this;
    }
}
