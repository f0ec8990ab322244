package io.keycloakiot.model;

/** Where an invitation stands. {@code EXPIRED} is never stored: it is what a share past its expiry shows. */
public enum ShareStatus {
    PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED
}
