package io.keycloakiot.rest;

import io.keycloakiot.authz.ScopeGrant;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.ApiScope;
import io.keycloakiot.authz.Caller;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OAuth2DeviceConfig;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * A signed-in user of the realm, calling the self-service API with a bearer access token: sees only their own,
 * and does only what the token was issued for ({@link ScopeGrant}). Keycloak verifies the token but not what it
 * was issued for: without these checks any access token of the realm would pass, whatever its client and scope.
 */
final class UserCaller extends Caller {

    private final AuthResult auth;
    private final ScopeGrant grant;

    private UserCaller(KeycloakSession session, AuthResult auth, ScopeGrant grant) {
        super(session, session.getContext().getRealm());
        this.auth = auth;
        this.grant = grant;
    }

    /**
     * The caller of any route but onboarding. A token of a client with the device grant enabled is refused: such
     * a token proves only that a user approved a device, and is for {@code /onboarding} alone.
     */
    static UserCaller authenticate(KeycloakSession session) {
        UserCaller caller = verify(session);
        if (caller.isDeviceGrantClient()) {
            throw ApiError.insufficientScope("a token of a device-grant client is for /onboarding only", null);
        }
        if (!caller.grant.any()) {
            throw ApiError.insufficientScope("the token was not issued for this API: it needs the client scope '"
                    + ApiScope.PACK + "' or scopes of the API", ApiScope.PACK);
        }
        return caller;
    }

    /** The caller of {@code /onboarding}: a token of a device-grant client, issued for creating devices. */
    static UserCaller authenticateForOnboarding(KeycloakSession session) {
        UserCaller caller = verify(session);
        if (!caller.isDeviceGrantClient()) {
            throw ApiError.forbidden("onboarding takes an access token from a client with the device authorization grant");
        }
        caller.requireWrite(ApiScope.DEVICE_CREATE);
        return caller;
    }

    /** Verifies the request's bearer token with Keycloak's own checks (signature, realm, expiry, session). */
    private static UserCaller verify(KeycloakSession session) {
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.user() == null) {
            throw ApiError.unauthorized("a valid bearer access token of this realm is required");
        }
        return new UserCaller(session, auth, ScopeGrant.of(auth.token(), auth.client()));
    }

    private boolean isDeviceGrantClient() {
        ClientModel client = auth.client();
        return client != null && Boolean.parseBoolean(client.getAttribute(OAuth2DeviceConfig.OAUTH2_DEVICE_AUTHORIZATION_GRANT_ENABLED));
    }

    UserModel user() {
        return auth.user();
    }

    @Override
    public Reach reach() {
        return Reach.OWN;
    }

    @Override
    public String userId() {
        return auth.user().getId();
    }

    /** An authenticated user may read their own things, with a token granted the operation's scope. */
    @Override
    public void requireRead(ApiScope scope) {
        requireGranted(scope);
    }

    /** An authenticated user may change their own things, with a token granted the operation's scope. */
    @Override
    public void requireWrite(ApiScope scope) {
        requireGranted(scope);
    }

    private void requireGranted(ApiScope scope) {
        if (scope != ApiScope.CATALOGUE_READ && !grant.allows(scope.value())) {
            throw ApiError.insufficientScope("the token was not granted the scope '" + scope.value() + "'", scope.value());
        }
    }

    @Override
    public void requireRead() {
        throw ApiError.forbidden("this operation is for realm administrators");
    }

    @Override
    public void requireWrite() {
        throw ApiError.forbidden("this operation is for realm administrators");
    }

    @Override
    protected AdminEventBuilder eventBuilder() {
        AdminAuth author = new AdminAuth(realm, auth.token(), auth.user(), auth.client());
        return new AdminEventBuilder(realm, author, session, session.getContext().getConnection());
    }
}
