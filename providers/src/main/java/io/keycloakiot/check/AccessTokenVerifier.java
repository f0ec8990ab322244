package io.keycloakiot.check;

import io.keycloakiot.authz.ScopeGrant;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;

/**
 * Verifies a Keycloak access token exactly as the realm's introspection endpoint does (signature, issuer, expiry,
 * not-before, revocation, user session or client-credentials session, user and client enabled), so the check API
 * accepts a token if and only if introspection would call it active.
 */
final class AccessTokenVerifier extends AccessTokenIntrospectionProvider<AccessToken> {

    /** A verified token: its user, the client it was issued to, and what it was issued for. */
    record Verified(UserModel user, ClientModel client, ScopeGrant grant) {
    }

    private final boolean audienceChecked;

    /**
     * @param audienceChecked whether the client authenticated for this request must be in the token's audience
     *                        (as for introspection); false when verifying that client's own token
     */
    AccessTokenVerifier(KeycloakSession session, boolean audienceChecked) {
        super(session);
        this.audienceChecked = audienceChecked;
    }

    /** The token's user and client, or null for a token that is not active. */
    Verified verify(String token, EventBuilder event) {
        this.eventBuilder = event;
        return introspectionChecks(token) ? new Verified(user, client, ScopeGrant.of(this.token, client)) : null;
    }

    /**
     * Introspection re-runs the client's protocol mappers to build its answer; the check only needs who the token
     * speaks for, so the verified token is used as it is (its {@code aud} is what the audience rule reads).
     */
    @Override
    public AccessToken transformAccessToken(AccessToken token, UserSessionModel userSession) {
        return token;
    }

    @Override
    protected boolean verifyAudience() {
        return !audienceChecked || super.verifyAudience();
    }
}
