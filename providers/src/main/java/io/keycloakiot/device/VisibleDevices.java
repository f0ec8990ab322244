package io.keycloakiot.device;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Page;
import io.keycloakiot.model.DeviceFilter;
import io.keycloakiot.model.DeviceModel;
import io.keycloakiot.model.DeviceProvider;
import io.keycloakiot.model.ShareProvider;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;
import io.keycloakiot.share.Shares;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The devices one user sees: their own, and those a live share of the device or of a ground it is in gives them,
 * shown with the owner's name and the actions the shares give (what the check API honours: device-level actions of
 * today's catalogue, in its order). A share's status and expiry are read at one instant for a whole page.
 */
final class VisibleDevices {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String userId;
    private final long now = Time.currentTimeMillis();

    VisibleDevices(KeycloakSession session, RealmModel realm, String userId) {
        this.session = session;
        this.realm = realm;
        this.userId = userId;
    }

    List<DeviceRepresentation> list(DeviceFilter.Relation relation, DeviceFilter filter, Page page) {
        List<DeviceModel> devices = session.getProvider(DeviceProvider.class).visibleDevices(realm, userId, relation, filter, page);
        List<String> sharedIds = devices.stream().filter(d -> !userId.equals(d.getOwnerId())).map(DeviceModel::getId).toList();
        Map<String, Set<String>> actions = sharedIds.isEmpty() ? Map.of()
                : session.getProvider(ShareProvider.class).liveActionsOnDevices(realm, userId, sharedIds, now);
        Map<String, String> ownerNames = new HashMap<>();
        return devices.stream().map(d -> userId.equals(d.getOwnerId()) ? DeviceRepresentation.of(d)
                : DeviceRepresentation.shared(d, ownerNames.computeIfAbsent(d.getOwnerId(), owner -> Shares.displayName(session, realm, owner)),
                        known(actions.getOrDefault(d.getId(), Set.of())))).toList();
    }

    /** One device by id: the user's own, or one a live share gives them; 404 otherwise. */
    DeviceRepresentation get(String deviceId) {
        DeviceModel device = session.getProvider(DeviceProvider.class).getDevice(realm, deviceId);
        if (device == null) {
            throw ApiError.notFound("device");
        }
        if (userId.equals(device.getOwnerId())) {
            return DeviceRepresentation.of(device);
        }
        Set<String> held = session.getProvider(ShareProvider.class).liveActionsOnDevice(realm, userId, deviceId, now);
        if (held.isEmpty()) {
            throw ApiError.notFound("device");
        }
        return DeviceRepresentation.shared(device, Shares.displayName(session, realm, device.getOwnerId()), known(held));
    }

    private List<String> known(Set<String> held) {
        ResourceType device = PermissionCatalogue.of(realm).type(PermissionCatalogue.DEVICE);
        return device == null ? List.of() : device.deviceActions().stream().filter(held::contains).toList();
    }
}
