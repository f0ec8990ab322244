package io.keycloakiot.device;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON of a device in every response. {@code owner} is a user id, or null for the realm's fleet. In a user's
 * own list a device someone shared with them has {@code sharedWithMe}, its owner's display name and the actions
 * the user holds on it through shares (direct and ground shares united); elsewhere {@code sharedWithMe} is false
 * and the other two are null.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeviceRepresentation(String id, String externalId, String name, String type, String owner,
                                   Map<String, String> attributes, boolean enabled, long createdTimestamp,
                                   boolean sharedWithMe, String ownerName, List<String> sharedActions) {

    public static DeviceRepresentation of(IotDeviceEntity device) {
        return of(device, false, null, null);
    }

    /** A device another user shared with the caller. */
    public static DeviceRepresentation shared(IotDeviceEntity device, String ownerName, List<String> sharedActions) {
        return of(device, true, ownerName, sharedActions);
    }

    private static DeviceRepresentation of(IotDeviceEntity device, boolean sharedWithMe, String ownerName,
                                           List<String> sharedActions) {
        return new DeviceRepresentation(device.getId(), device.getExternalId(), device.getName(), device.getType(),
                device.getOwnerId(), DeviceAttributes.read(device.getAttributes()), device.isEnabled(),
                device.getCreatedAt(), sharedWithMe, ownerName, sharedActions);
    }
}
