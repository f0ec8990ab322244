package io.keycloakiot.rest;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Caller;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/** A signed-in user of the realm, calling the self-service API with a bearer access token: sees only their own. */
final class DeviceOwnerCaller extends Caller {

    private final AuthResult auth;

    private DeviceOwnerCaller(KeycloakSession session, AuthResult auth) {
        super(session, session.getContext().getRealm());
        this.auth = auth;
    }

    /** Verifies the request's bearer token with Keycloak's own checks (signature, realm, expiry, session). */
    static DeviceOwnerCaller authenticate(KeycloakSession session) {
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.user() == null) {
            throw ApiError.unauthorized("a valid bearer access token of this realm is required");
        }
        return new DeviceOwnerCaller(session, auth);
    }

    UserModel user() {
        return auth.user();
    }

    /** The client the access token was issued to ({@code azp}). */
    ClientModel client() {
        return auth.client();
    }

    @Override
    public String ownerScope() {
        return auth.user().getId();
    }

    @Override
    public String userId() {
        return auth.user().getId();
    }

    @Override
    public void requireRead() {
        // An authenticated user may always read their own devices.
    }

    @Override
    public void requireWrite() {
        // An authenticated user may always change their own devices.
    }

    @Override
    protected AdminEventBuilder eventBuilder() {
        AdminAuth author = new AdminAuth(realm, auth.token(), auth.user(), auth.client());
        return new AdminEventBuilder(realm, author, session, session.getContext().getConnection());
    }
}
