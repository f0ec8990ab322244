package io.keycloakiot.device;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON of a device in every response. {@code owner} is a user id, or null for the realm's fleet. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeviceRepresentation(String id, String externalId, String name, String type, String owner,
                                   Map<String, String> attributes, boolean enabled, long createdTimestamp) {

    public static DeviceRepresentation of(IotDeviceEntity device) {
        return new DeviceRepresentation(device.getId(), device.getExternalId(), device.getName(), device.getType(),
                device.getOwnerId(), DeviceAttributes.read(device.getAttributes()), device.isEnabled(),
                device.getCreatedAt());
    }
}
