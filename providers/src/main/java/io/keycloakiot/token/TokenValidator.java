package io.keycloakiot.token;

import java.util.List;

import jakarta.persistence.EntityManager;
import io.keycloakiot.device.IotDeviceEntity;
import io.keycloakiot.ground.IotGroundEntity;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Decides whether a presented device or ground token is active right now. Every answer comes from the
 * database of record (a revocation on any node is seen by the next request on every node); a malformed token
 * is refused before any lookup, and "last used" is written behind ({@link LastUseRecorder}). The reason a
 * token is inactive is never told to the caller.
 */
public final class TokenValidator {

    /** last-used is written at most this often per token, never on every validation. */
    static final long LAST_USED_RESOLUTION_MS = 60_000;

    private TokenValidator() {
    }

    /** The active token, or null for a malformed, unknown, revoked, disabled, expired or orphaned one. */
    public static ActiveToken validate(KeycloakSession session, RealmModel realm, String token) {
        TokenFormat.Parsed parsed = TokenFormat.parse(token);
        if (parsed == null || parsed.kind() == TokenKind.PROFILE) {
            return null;
        }
        // One round trip: the token's row joined with its device or ground.
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        String subjectEntity = parsed.kind() == TokenKind.DEVICE ? "IotDevice" : "IotGround";
        List<Object[]> rows = em.createQuery("select c, s from IotCredential c, " + subjectEntity + " s"
                        + " where c.id = :id and c.realmId = :realmId and c.kind = :kind and s.id = c.subjectId", Object[].class)
                .setParameter("id", parsed.keyId()).setParameter("realmId", realm.getId()).setParameter("kind", parsed.kind())
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        IotCredentialEntity credential = (IotCredentialEntity) rows.get(0)[0];
        long now = Time.currentTimeMillis();
        if (!TokenFormat.matches(parsed.token(), credential.getSecretHash()) || !credential.isEnabled()
                || (credential.getExpiresAt() != null && credential.getExpiresAt() <= now)) {
            return null;
        }
        String ownerId;
        List<String> members = List.of();
        if (rows.get(0)[1] instanceof IotDeviceEntity device) {
            if (!device.isEnabled()) {
                return null;
            }
            ownerId = device.getOwnerId();
        } else {
            IotGroundEntity ground = (IotGroundEntity) rows.get(0)[1];
            ownerId = ground.getOwnerId();
            members = em.createQuery("select d.id from IotGroundMembership m, IotDevice d where m.groundId = :groundId"
                            + " and d.id = m.deviceId and d.enabled = true order by m.addedAt, d.id", String.class)
                    .setParameter("groundId", ground.getId()).setMaxResults(ActiveToken.MAX_LISTED_MEMBERS).getResultList();
        }
        if (ownerId != null) {
            UserModel owner = session.users().getUserById(realm, ownerId);
            if (owner == null || !owner.isEnabled()) {
                return null;
            }
        }
        recordUse(session, credential, now);
        return new ActiveToken(credential, credential.getSubjectId(), ownerId, members);
    }

    private static void recordUse(KeycloakSession session, IotCredentialEntity credential, long now) {
        Long last = credential.getLastUsedAt();
        if (last == null || now - last >= LAST_USED_RESOLUTION_MS) {
            String ip = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
            LastUseRecorder.NODE.record(credential.getId(), now, ip == null || ip.length() > 64 ? null : ip);
        }
    }
}
