package io.keycloakiot.model;

/** Filters of a device list; null fields do not filter. {@code search} matches part of the name or externalId. */
public record DeviceFilter(String ownerId, String search, String type, String groundId) {

    public static DeviceFilter ofGround(String groundId) {
        return new DeviceFilter(null, null, null, groundId);
    }

    /** Which devices a user's own list shows: those they own, those shared with them, or (null) both. */
    public enum Relation {
        OWNED, SHARED
    }
}
