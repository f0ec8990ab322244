package io.keycloakiot.device;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.keycloakiot.common.Expiry;

/** The optional body of a new claim secret: {@code {"claimSecretExpiresAt": ...}}. */
record ClaimSecretRequest(@JsonDeserialize(using = Expiry.Reader.class) Long claimSecretExpiresAt) {

    ClaimSecretRequest {
        claimSecretExpiresAt = Expiry.future("claimSecretExpiresAt", claimSecretExpiresAt);
    }
}
