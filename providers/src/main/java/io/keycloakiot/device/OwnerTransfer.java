package io.keycloakiot.device;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Given;

/** The body of an owner transfer: {@code {"owner": "<user id or username>"}}, or {@code null} for the realm's fleet. */
record OwnerTransfer(Given<String> owner) {

    OwnerTransfer {
        if (!owner.present()) {
            throw ApiError.invalidField("owner", "is required (a user id or username, or null for the realm fleet)");
        }
    }
}
