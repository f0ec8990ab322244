package io.keycloakiot.share;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an invitation stands. {@code EXPIRED} is never stored: it is what a share past its expiry shows. */
@Schema(description = "Where an invitation stands")
public enum ShareStatus {
    PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED
}
