package io.keycloakiot.token;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import jakarta.persistence.EntityManager;
import io.keycloakiot.device.IotDeviceEntity;
import io.keycloakiot.ground.IotGroundEntity;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Decides whether a presented device, ground or profile token is active right now, from this node's
 * {@link TokenValidationCache} or the database of record (a revocation on any node invalidates every node's
 * cache); a malformed token is refused before any lookup, and "last used" is written behind ({@link LastUseRecorder}). The reason a
 * token is inactive is never told to the caller.
 */
public final class TokenValidator {

    /** last-used is written at most this often per token, never on every validation. */
    static final long LAST_USED_RESOLUTION_MS = 60_000;

    /** Validations this node read from the database instead of its cache (Keycloak's {@code /metrics}, when enabled). */
    private static final Counter DATABASE_READS = Counter.builder("keycloak.iot.token.validation.database.reads")
            .description("Validations of the pack's tokens that this node read from the database instead of its cache")
            .register(Metrics.globalRegistry);

    private TokenValidator() {
    }

    /**
     * The active token, or null for a malformed, unknown, revoked, disabled, expired or orphaned one; an active token's
     * use is noted as presented by {@code presenter}.
     */
    public static ActiveToken validate(KeycloakSession session, RealmModel realm, String token, TokenPresenter presenter) {
        TokenFormat.Parsed parsed = TokenFormat.parse(token);
        if (parsed == null) {
            return null;
        }
        TokenValidationCache.Entry entry = cachedOrLoaded(session, realm, parsed);
        if (entry == null) {
            return null;
        }
        CredentialSnapshot credential = entry.credential();
        long now = Time.currentTimeMillis();
        if (credential.kind() != parsed.kind() || !TokenFormat.matches(parsed.token(), credential.secretHash())
                || !credential.enabled() || (credential.expiresAt() != null && credential.expiresAt() <= now)
                || !entry.subjectEnabled()) {
            return null;
        }
        // The owner is read through Keycloak's own user cache, which Keycloak keeps current on every node.
        if (entry.ownerId() != null) {
            UserModel owner = session.users().getUserById(realm, entry.ownerId());
            if (owner == null || !owner.isEnabled()) {
                return null;
            }
        }
        recordUse(credential, now, presenter);
        return new ActiveToken(credential, credential.subjectId(), entry.ownerId());
    }

    /** The token's row (joined with its device or ground), from this node's cache or in one database round trip. */
    private static TokenValidationCache.Entry cachedOrLoaded(KeycloakSession session, RealmModel realm, TokenFormat.Parsed parsed) {
        TokenValidationCache cache = TokenValidationCache.NODE;
        TokenValidationCache.Entry cached = cache.get(session, realm.getId(), parsed.keyId());
        if (cached != null) {
            return cached;
        }
        long loadedAt = cache.loadStart();
        DATABASE_READS.increment();
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        TokenValidationCache.Entry entry;
        if (parsed.kind() == TokenKind.PROFILE) {
            // A profile token's subject is its owner, a Keycloak user, whom validate() reads through Keycloak's cache.
            List<IotCredentialEntity> rows = em.createQuery("select c from IotCredential c where c.id = :id"
                            + " and c.realmId = :realmId and c.kind = :kind", IotCredentialEntity.class)
                    .setParameter("id", parsed.keyId()).setParameter("realmId", realm.getId()).setParameter("kind", parsed.kind())
                    .getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            CredentialSnapshot credential = CredentialSnapshot.of(rows.get(0));
            entry = new TokenValidationCache.Entry(credential, true, credential.subjectId(), loadedAt);
        } else {
            String subjectEntity = parsed.kind() == TokenKind.DEVICE ? "IotDevice" : "IotGround";
            List<Object[]> rows = em.createQuery("select c, s from IotCredential c, " + subjectEntity + " s"
                            + " where c.id = :id and c.realmId = :realmId and c.kind = :kind and s.id = c.subjectId", Object[].class)
                    .setParameter("id", parsed.keyId()).setParameter("realmId", realm.getId()).setParameter("kind", parsed.kind())
                    .getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            CredentialSnapshot credential = CredentialSnapshot.of((IotCredentialEntity) rows.get(0)[0]);
            entry = rows.get(0)[1] instanceof IotDeviceEntity device
                    ? new TokenValidationCache.Entry(credential, device.isEnabled(), device.getOwnerId(), loadedAt)
                    : new TokenValidationCache.Entry(credential, true, ((IotGroundEntity) rows.get(0)[1]).getOwnerId(), loadedAt);
        }
        cache.put(session, entry);
        return entry;
    }

    private static void recordUse(CredentialSnapshot credential, long now, TokenPresenter presenter) {
        LastUseRecorder.Use noted = LastUseRecorder.NODE.lastNoted(credential.id());
        Long last = noted != null ? Long.valueOf(noted.at()) : credential.lastUsedAt();
        if (last == null || now - last >= LAST_USED_RESOLUTION_MS) {
            LastUseRecorder.NODE.record(credential.id(), now, presenter);
        }
    }
}
