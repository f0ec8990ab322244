package io.keycloakiot.model;

/**
 * Where a share stands. A pending or accepted share past its expiry shows {@code EXPIRED} at once ({@link ShareModel#statusAt});
 * the expiry sweep then stores it and records the event.
 */
public enum ShareStatus {
    PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED
}
