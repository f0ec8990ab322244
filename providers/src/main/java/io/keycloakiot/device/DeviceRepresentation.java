package io.keycloakiot.device;

import io.keycloakiot.model.DeviceModel;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.common.util.Time;
import org.keycloak.util.JsonSerialization;

/**
 * The JSON of a device in every response. {@code owner} is a user id, or null for the realm's fleet. In a user's
 * own list a device someone shared with them has {@code sharedWithMe}, its owner's display name and the actions
 * the user holds on it through shares (direct and ground shares united); elsewhere {@code sharedWithMe} is false
 * and the other two are null. {@code disabledByAdmin}: an administrator disabled the device, and only an administrator
 * enables it. {@code claimable}: a fleet device whose claim secret is live (until {@code claimSecretExpiresAt}, null =
 * no expiry); the secret itself is shown only in the answer that made it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeviceRepresentation(String id, String externalId, String name, String type, String owner,
                                   Map<String, String> attributes, boolean enabled, boolean disabledByAdmin,
                                   long createdTimestamp, boolean sharedWithMe, String ownerName,
                                   List<String> sharedActions, boolean claimable, Long claimSecretExpiresAt) {

    public static DeviceRepresentation of(DeviceModel device) {
        return of(device, false, null, null);
    }

    /** A device another user shared with the caller. */
    public static DeviceRepresentation shared(DeviceModel device, String ownerName, List<String> sharedActions) {
        return of(device, true, ownerName, sharedActions);
    }

    private static DeviceRepresentation of(DeviceModel device, boolean sharedWithMe, String ownerName,
                                           List<String> sharedActions) {
        boolean claimable = ClaimSecret.claimable(device, Time.currentTimeMillis());
        return new DeviceRepresentation(device.getId(), device.getExternalId(), device.getName(), device.getType(),
                device.getOwnerId(), DeviceAttributes.read(device.getAttributes()), device.isEnabled(),
                device.isDisabledByAdmin(), device.getCreatedAt(), sharedWithMe, ownerName, sharedActions, claimable,
                claimable ? device.getClaimSecretExpiresAt() : null);
    }

    /** The answer that shows a new claim secret, once: the device's JSON plus {@code claimSecret}. */
    public ObjectNode withClaimSecret(String claimSecret) {
        ObjectNode answer = JsonSerialization.mapper.valueToTree(this);
        answer.put("claimSecret", claimSecret);
        return answer;
    }
}
