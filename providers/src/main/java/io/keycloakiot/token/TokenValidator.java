package io.keycloakiot.token;

import io.keycloakiot.authz.ActiveToken;
import io.keycloakiot.model.TokenProvider;
import io.keycloakiot.model.TokenSnapshot;
import io.keycloakiot.model.cache.LastUseRecorder;
import io.keycloakiot.model.cache.TokenValidationCache;


import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.keycloak.common.util.Time;
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
        TokenSnapshot snapshot = entry.token();
        long now = Time.currentTimeMillis();
        if (snapshot.kind() != parsed.kind() || !TokenFormat.matches(parsed.token(), snapshot.secretHash())
                || !snapshot.enabled() || (snapshot.expiresAt() != null && snapshot.expiresAt() <= now)
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
        recordUse(snapshot, now, presenter);
        return new ActiveToken(snapshot, snapshot.subjectId(), entry.ownerId());
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
        TokenProvider.Presented presented = session.getProvider(TokenProvider.class).getPresented(realm, parsed.kind(), parsed.keyId());
        if (presented == null) {
            return null;
        }
        TokenValidationCache.Entry entry = new TokenValidationCache.Entry(TokenSnapshot.of(presented.token()),
                presented.subjectEnabled(), presented.ownerId(), loadedAt);
        cache.put(session, entry);
        return entry;
    }

    private static void recordUse(TokenSnapshot snapshot, long now, TokenPresenter presenter) {
        LastUseRecorder.Use noted = LastUseRecorder.NODE.lastNoted(snapshot.id());
        Long last = noted != null ? Long.valueOf(noted.at()) : snapshot.lastUsedAt();
        if (last == null || now - last >= LAST_USED_RESOLUTION_MS) {
            LastUseRecorder.NODE.record(snapshot.id(), now, presenter.address(), presenter.via(), presenter.addressOf());
        }
    }
}
