package io.keycloakiot.device;

import io.keycloakiot.model.DeviceModel;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.common.util.Time;
import org.keycloak.util.JsonSerialization;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON of a device in every response. {@code owner} is a user id, or null for the realm's fleet. In a user's
 * own list a device someone shared with them has {@code sharedWithMe}, its owner's display name and the actions
 * the user holds on it through shares (direct and ground shares united); elsewhere {@code sharedWithMe} is false
 * and the other two are null. {@code disabledByAdmin}: an administrator disabled the device, and only an administrator
 * enables it. {@code claimable}: a fleet device whose claim secret is live (until {@code claimSecretExpiresAt}, null =
 * no expiry); the secret itself is shown only in the answer that made it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Device", description = "A device. `owner` is a user id, or null for the realm's fleet; `sharedWithMe`,"
        + " `ownerName` and `sharedActions` describe a device another user shared with the caller (in the caller's own list"
        + " and reads); `claimable`: a fleet device whose claim secret is live, until `claimSecretExpiresAt` (null = no expiry).")
public record DeviceRepresentation(@Schema(required = true) String id,
                                   @Schema(required = true, nullable = true) String externalId,
                                   @Schema(required = true) String name,
                                   @Schema(required = true) String type,
                                   @Schema(required = true, nullable = true) String owner,
                                   @Schema(required = true) Map<String, String> attributes,
                                   @Schema(required = true) boolean enabled,
                                   @Schema(required = true, description = "only an administrator enables it again") boolean disabledByAdmin,
                                   @Schema(required = true) long createdTimestamp,
                                   @Schema(required = true) boolean sharedWithMe,
                                   @Schema(required = true, nullable = true) String ownerName,
                                   @Schema(required = true, nullable = true) List<String> sharedActions,
                                   @Schema(required = true) boolean claimable,
                                   @Schema(required = true, nullable = true) Long claimSecretExpiresAt) {

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
