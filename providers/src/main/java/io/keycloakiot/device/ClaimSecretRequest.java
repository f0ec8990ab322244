package io.keycloakiot.device;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.keycloakiot.common.Expiry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of a new claim secret: {@code {"claimSecretExpiresAt": ...}}. */
@Schema(name = "ClaimSecretRequest")
record ClaimSecretRequest(@Schema(ref = "Expiry") @JsonDeserialize(using = Expiry.Reader.class) Long claimSecretExpiresAt) {

    ClaimSecretRequest {
        claimSecretExpiresAt = Expiry.future("claimSecretExpiresAt", claimSecretExpiresAt);
    }
}
