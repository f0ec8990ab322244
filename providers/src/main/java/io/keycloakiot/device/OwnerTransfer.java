package io.keycloakiot.device;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Given;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of an owner transfer: {@code {"owner": "<user id or username>"}}, or {@code null} for the realm's fleet. */
@Schema(name = "OwnerTransfer")
record OwnerTransfer(@Schema(implementation = String.class, required = true, nullable = true,
        description = "A user id or username, or null for the realm's fleet") Given<String> owner) {

    OwnerTransfer {
        if (!owner.present()) {
            throw ApiError.invalidField("owner", "is required (a user id or username, or null for the realm fleet)");
        }
    }
}
