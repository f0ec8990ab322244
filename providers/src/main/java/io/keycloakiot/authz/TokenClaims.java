package io.keycloakiot.authz;

import java.util.List;
import java.util.Map;

import io.keycloakiot.token.ActiveToken;
import io.keycloakiot.token.TokenKind;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The claims introspection and token exchange give for a pack token: its effective permissions now, and for a
 * ground token its enabled devices (read here, not in every validation: the check API asks about one device).
 */
public final class TokenClaims {

    private TokenClaims() {
    }

    public static Map<String, Object> of(KeycloakSession session, RealmModel realm, ActiveToken token) {
        AccessSubject subject = AccessSubject.ofToken(session, realm, token);
        List<String> members = token.kind() != TokenKind.GROUND ? List.of()
                : session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createQuery("select d.id from IotGroundMembership m, IotDevice d where m.groundId = :groundId"
                        + " and d.id = m.deviceId and d.enabled = true order by m.addedAt, d.id", String.class)
                .setParameter("groundId", token.subjectId()).setMaxResults(ActiveToken.MAX_LISTED_MEMBERS).getResultList();
        return token.claims(new AccessRules(session, realm).effectivePermissions(subject), members);
    }
}
