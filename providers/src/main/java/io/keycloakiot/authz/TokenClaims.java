package io.keycloakiot.authz;

import java.util.Map;

import io.keycloakiot.token.ActiveToken;
import io.keycloakiot.token.TokenKind;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The claims introspection and token exchange give for a pack token: its effective permissions now. */
public final class TokenClaims {

    private TokenClaims() {
    }

    public static Map<String, Object> of(KeycloakSession session, RealmModel realm, ActiveToken token) {
        AccessSubject subject = AccessSubject.ofToken(token, token.kind() == TokenKind.PROFILE
                ? session.users().getUserById(realm, token.ownerId()) : null);
        return token.claims(new AccessRules(session, realm).effectivePermissions(subject));
    }
}
