package io.keycloakiot.rest;

import jakarta.ws.rs.Path;
import io.keycloakiot.device.DeviceAdminResource;
import io.keycloakiot.ground.GroundResource;

/** {@code /admin/realms/{realm}/iot}: every device and ground of the realm, for its administrators. */
public class IotAdminResource {

    private final RealmAdminCaller caller;

    IotAdminResource(RealmAdminCaller caller) {
        this.caller = caller;
    }

    @Path("devices")
    public DeviceAdminResource devices() {
        return new DeviceAdminResource(caller);
    }

    @Path("grounds")
    public GroundResource grounds() {
        return new GroundResource(caller);
    }
}
