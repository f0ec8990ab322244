package io.keycloakiot.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a share stands. A pending or accepted share past its expiry shows {@code EXPIRED} at once ({@link ShareModel#statusAt});
 * the expiry sweep then stores it and records the event.
 */
@Schema(description = "Where a share stands")
public enum ShareStatus {
    PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED
}
