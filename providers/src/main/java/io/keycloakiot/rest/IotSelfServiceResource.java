package io.keycloakiot.rest;

import jakarta.ws.rs.Path;
import io.keycloakiot.device.DeviceResource;
import io.keycloakiot.ground.GroundResource;
import io.keycloakiot.onboarding.OnboardingResource;
import org.keycloak.models.KeycloakSession;

/** {@code /realms/{realm}/iot}: the signed-in user's own devices and grounds. */
public class IotSelfServiceResource {

    private final KeycloakSession session;

    IotSelfServiceResource(KeycloakSession session) {
        this.session = session;
    }

    @Path("devices")
    public DeviceResource devices() {
        return new DeviceResource(DeviceOwnerCaller.authenticate(session));
    }

    @Path("onboarding")
    public OnboardingResource onboarding() {
        DeviceOwnerCaller caller = DeviceOwnerCaller.authenticate(session);
        return new OnboardingResource(caller, caller.client());
    }

    @Path("grounds")
    public GroundResource grounds() {
        return new GroundResource(DeviceOwnerCaller.authenticate(session));
    }
}
