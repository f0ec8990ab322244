package io.keycloakiot.model.cache;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import io.keycloakiot.model.TokenSnapshot;
import org.keycloak.cache.LocalCache;
import org.keycloak.cache.LocalCacheConfiguration;
import org.keycloak.cache.LocalCacheProvider;
import org.keycloak.cluster.ClusterEvent;
import org.keycloak.cluster.ClusterListener;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/**
 * This node's cache of token validation state: bounded, and invalidated on every node through Keycloak's
 * cluster provider, key by key. A change that could alter a validation answer invalidates only what it touches:
 * one token (its key id), every token of a device or ground (its id), every token of an owner (the user id), or, when
 * a realm goes, the realm; on this node at once and on every node after the commit. An entry is usable only while
 * none of its keys (realm, key id, subject, owner) has been invalidated since its load began
 * ({@link InvalidationSequences}), so no race can keep a revoked token alive, and one user's changes never make
 * other users' tokens go back to the database.
 */
public final class TokenValidationCache implements ClusterListener {

    /** The one cache of this node. */
    public static final TokenValidationCache NODE = new TokenValidationCache(null);

    public static final String CLUSTER_TASK_KEY = "iot-token-validation";
    /** Room for every token of a 100,000-device fleet with headroom; an entry is a few hundred bytes. */
    static final int MAX_ENTRIES = 200_000;
    /** A bound on any staleness the invalidation could ever miss. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** The keys this session's transaction changed, invalidated again on every node once it commits. */
    private static final String PENDING = TokenValidationCache.class.getName() + ".pending";

    private final InvalidationSequences invalidations = new InvalidationSequences(InvalidationSequences.SLOT_BITS);
    private volatile LocalCache<String, Entry> entries;

    /** @param entries the cache to use, or null for Keycloak's local cache, made on first use */
    TokenValidationCache(LocalCache<String, Entry> entries) {
        this.entries = entries;
    }

    /**
     * A cached validation input: the token row and its subject's state, as a load that began at {@code loadedAt}
     * ({@link #loadStart()}) read them.
     */
    public record Entry(TokenSnapshot token, boolean subjectEnabled, String ownerId, long loadedAt) {
    }

    /** The sequence a load stores in its entry; read it before reading the database. */
    public long loadStart() {
        return invalidations.current();
    }

    /** The cached entry for the key id if it is of the realm and nothing it depends on changed since its load, else null. */
    public Entry get(KeycloakSession session, String realmId, String keyId) {
        Entry entry = cache(session).get(keyId);
        if (entry == null || !entry.token().realmId().equals(realmId)) {
            return null;
        }
        TokenSnapshot token = entry.token();
        return invalidations.unchangedSince(entry.loadedAt(), realmId, keyId, token.subjectId(), entry.ownerId()) ? entry : null;
    }

    public void put(KeycloakSession session, Entry entry) {
        cache(session).put(entry.token().id(), entry);
    }

    /**
     * Marks every cached validation that depends on the key stale (a token's key id, a device's, ground's or owner's
     * id): now on this node, and on every node once the current transaction has committed (again on this node too,
     * for validations that read the old data meanwhile).
     */
    public static void changed(KeycloakSession session, String realmId, String key) {
        NODE.invalidations.invalidate(key);
        afterCommit(session, realmId).add(key);
    }

    /** Marks every cached validation of the realm stale, as {@link #changed} does for one key (a realm being removed). */
    public static void realmChanged(KeycloakSession session, String realmId) {
        changed(session, realmId, realmId);
    }

    /** This transaction's set of changed keys, with the after-commit task that invalidates them everywhere. */
    private static Set<String> afterCommit(KeycloakSession session, String realmId) {
        @SuppressWarnings("unchecked")
        Set<String> pending = session.getAttribute(PENDING + "." + realmId, Set.class);
        if (pending != null) {
            return pending;
        }
        Set<String> keys = new LinkedHashSet<>();
        session.setAttribute(PENDING + "." + realmId, keys);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                session.removeAttribute(PENDING + "." + realmId);
                // Here synchronously, so this node's next request sees it; the others through the cluster.
                keys.forEach(NODE.invalidations::invalidate);
                session.getProvider(ClusterProvider.class).notify(CLUSTER_TASK_KEY,
                        keys.stream().map(key -> new TokenCacheInvalidation(realmId, key)).toList(), true);
            }

            @Override
            protected void rollbackImpl() {
                // Nothing changed; the local invalidation only cost some cache misses.
                session.removeAttribute(PENDING + "." + realmId);
            }
        });
        return keys;
    }

    @Override
    public void eventReceived(ClusterEvent event) {
        if (event instanceof TokenCacheInvalidation invalidation) {
            invalidations.invalidate(invalidation.getKeyId() != null ? invalidation.getKeyId() : invalidation.getRealmId());
        }
    }

    private LocalCache<String, Entry> cache(KeycloakSession session) {
        LocalCache<String, Entry> cache = entries;
        if (cache == null) {
            synchronized (this) {
                if (entries == null) {
                    entries = session.getProvider(LocalCacheProvider.class).create(
                            LocalCacheConfiguration.<String, Entry>builder().name("iot-token-validation").maxSize(MAX_ENTRIES)
                                    .expirationAfterCreate((key, value) -> MAX_AGE).build());
                }
                cache = entries;
            }
        }
        return cache;
    }
}
