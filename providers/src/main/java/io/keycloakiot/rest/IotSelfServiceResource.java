package io.keycloakiot.rest;

import jakarta.ws.rs.Path;
import io.keycloakiot.check.AuthzResource;
import io.keycloakiot.device.DeviceResource;
import io.keycloakiot.ground.GroundResource;
import io.keycloakiot.onboarding.OnboardingResource;
import io.keycloakiot.settings.CatalogueResource;
import io.keycloakiot.share.IncomingShareResource;
import io.keycloakiot.model.TokenKind;
import io.keycloakiot.token.TokenResource;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/iot}: the signed-in user's devices, grounds, tokens and shares, and the check API. Every
 * user route takes only tokens issued for it ({@link DeviceOwnerCaller}); the check API authenticates clients.
 */
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
        return new OnboardingResource(DeviceOwnerCaller.authenticateForOnboarding(session));
    }

    @Path("grounds")
    public GroundResource grounds() {
        return new GroundResource(DeviceOwnerCaller.authenticate(session));
    }

    /** The signed-in user's access-token profiles. */
    @Path("tokens")
    public TokenResource tokens() {
        DeviceOwnerCaller caller = DeviceOwnerCaller.authenticate(session);
        return new TokenResource(caller, TokenKind.PROFILE, caller.userId(), "iot/tokens");
    }

    /** Shares received: invitations to answer, accepted shares to leave. */
    @Path("shares")
    public IncomingShareResource shares() {
        DeviceOwnerCaller caller = DeviceOwnerCaller.authenticate(session);
        return new IncomingShareResource(caller, caller.user());
    }

    /** The permission catalogue and profile-token policies, read-only. */
    @Path("catalogue")
    public CatalogueResource catalogue() {
        return new CatalogueResource(DeviceOwnerCaller.authenticate(session), false);
    }

    /** The authorization check for resource servers (client-authenticated, not a user's API). */
    @Path("authz")
    public AuthzResource authz() {
        return new AuthzResource(session);
    }
}
