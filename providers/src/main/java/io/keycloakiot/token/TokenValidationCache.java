package io.keycloakiot.token;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
 * cluster provider. Invalidation is by realm generation: any change that could alter a validation answer in a
 * realm (revoke, disable, a device disabled, deleted or transferred) moves the realm to a new generation, on
 * this node at once and on every node after the commit, and entries of an older generation are never used.
 * A validation reads the generation before it reads the database, so an entry loaded from data that a
 * concurrent change replaces is born stale and ignored: no race can keep a revoked token alive.
 */
public final class TokenValidationCache implements ClusterListener {

    /** The one cache of this node. */
    public static final TokenValidationCache NODE = new TokenValidationCache();

    public static final String CLUSTER_TASK_KEY = "iot-token-validation";
    /** Room for every token of a 100,000-device fleet with headroom; an entry is a few hundred bytes. */
    static final int MAX_ENTRIES = 200_000;
    /** A bound on any staleness the invalidation could ever miss. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private volatile LocalCache<String, Entry> entries;

    private TokenValidationCache() {
    }

    /** A cached validation input: the token row and its subject's state, of one realm generation. */
    record Entry(CredentialSnapshot credential, boolean subjectEnabled, String ownerId, long generation) {
    }

    /** The realm's current generation; read it before loading from the database. */
    long generation(String realmId) {
        return generations.computeIfAbsent(realmId, id -> new AtomicLong()).get();
    }

    /** The cached entry for the key id if it belongs to the realm's current generation, else null. */
    Entry get(KeycloakSession session, String realmId, String keyId) {
        Entry entry = cache(session).get(keyId);
        return entry != null && entry.credential().realmId().equals(realmId) && entry.generation() == generation(realmId)
                ? entry : null;
    }

    void put(KeycloakSession session, Entry entry) {
        cache(session).put(entry.credential().id(), entry);
    }

    /**
     * Marks every cached validation of the realm stale: now on this node, and on every node once the current
     * transaction has committed (and on this node again, for validations that read the old data meanwhile).
     */
    public static void realmChanged(KeycloakSession session, String realmId) {
        NODE.bump(realmId);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                session.getProvider(ClusterProvider.class)
                        .notify(CLUSTER_TASK_KEY, new TokenCacheInvalidation(realmId, null), false);
            }

            @Override
            protected void rollbackImpl() {
                // Nothing changed; the local bump only cost some cache misses.
            }
        });
    }

    @Override
    public void eventReceived(ClusterEvent event) {
        if (event instanceof TokenCacheInvalidation invalidation) {
            bump(invalidation.getRealmId());
        }
    }

    private void bump(String realmId) {
        generations.computeIfAbsent(realmId, id -> new AtomicLong()).incrementAndGet();
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
