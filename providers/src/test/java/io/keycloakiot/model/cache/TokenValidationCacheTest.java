package io.keycloakiot.model.cache;

import io.keycloakiot.model.TokenKind;
import io.keycloakiot.model.TokenSnapshot;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.cache.LocalCache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validation cache's invalidation: per key, cluster events included, and safe against a load racing a change. */
class TokenValidationCacheTest {

    private static final String REALM = "realm-1";

    private final TokenValidationCache cache = new TokenValidationCache(new MapCache());

    private TokenValidationCache.Entry entry(String keyId, String deviceId, String ownerId, long loadedAt) {
        TokenSnapshot credential = new TokenSnapshot(keyId, REALM, TokenKind.DEVICE, deviceId, "hash", true, 0, null, null, null);
        return new TokenValidationCache.Entry(credential, true, ownerId, loadedAt);
    }

    private void invalidateEverywhere(String key) {
        cache.eventReceived(new TokenCacheInvalidation(REALM, key));
    }

    @Test
    void invalidatingOneTokenKeepsAnotherTokensEntry() {
        cache.put(null, entry("keyA", "device-a", "alice", cache.loadStart()));
        cache.put(null, entry("keyB", "device-b", "bob", cache.loadStart()));

        for (int i = 0; i < 1000; i++) {
            invalidateEverywhere("keyB");
        }
        assertNotNull(cache.get(null, REALM, "keyA"), "another token's entry survives");
        assertNull(cache.get(null, REALM, "keyB"), "the changed token is read again");
    }

    @Test
    void aDeviceOrOwnerInvalidatesEveryTokenThatDependsOnIt() {
        cache.put(null, entry("keyA", "device-a", "alice", cache.loadStart()));
        cache.put(null, entry("keyA2", "device-a", "alice", cache.loadStart()));
        cache.put(null, entry("keyC", "device-c", "carol", cache.loadStart()));
        invalidateEverywhere("device-a");
        assertNull(cache.get(null, REALM, "keyA"));
        assertNull(cache.get(null, REALM, "keyA2"));
        assertNotNull(cache.get(null, REALM, "keyC"));

        invalidateEverywhere("carol");
        assertNull(cache.get(null, REALM, "keyC"), "the owner's tokens go with the owner");
    }

    @Test
    void aRealmWideEventInvalidatesTheRealmsEntries() {
        cache.put(null, entry("keyA", "device-a", "alice", cache.loadStart()));
        cache.eventReceived(new TokenCacheInvalidation(REALM, null));
        assertNull(cache.get(null, REALM, "keyA"));
        cache.put(null, entry("keyA", "device-a", "alice", cache.loadStart()));
        assertNotNull(cache.get(null, REALM, "keyA"));
        assertNull(cache.get(null, "realm-2", "keyA"), "never another realm's entry");
    }

    @Test
    void aLoadThatBeganBeforeAnInvalidationAndStoredAfterItLeavesNoUsableEntry() {
        long loadStarted = cache.loadStart();
        // The database is read here (the old row); meanwhile the token is revoked and the invalidation arrives.
        invalidateEverywhere("keyA");
        cache.put(null, entry("keyA", "device-a", "alice", loadStarted));
        assertNull(cache.get(null, REALM, "keyA"), "the stale load is never used");

        // A load that begins after the invalidation read the committed data and is used.
        cache.put(null, entry("keyA", "device-a", "alice", cache.loadStart()));
        assertNotNull(cache.get(null, REALM, "keyA"));
    }

    @Test
    void theInvalidationTableIsBoundedAndNeverForgetsAnInvalidation() {
        InvalidationSequences sequences = new InvalidationSequences(4);
        long loadStarted = sequences.current();
        sequences.invalidate("victim");
        // Far more keys than the 16 slots: a shared slot may only ever cost a reload, never revive a stale load.
        for (int i = 0; i < 10_000; i++) {
            sequences.invalidate("key-" + i);
        }
        assertFalse(sequences.unchangedSince(loadStarted, "victim"));
        assertTrue(sequences.unchangedSince(sequences.current(), "victim", "key-1"));
    }

    /** A plain map in place of Keycloak's local cache. */
    private static final class MapCache implements LocalCache<String, TokenValidationCache.Entry> {

        private final Map<String, TokenValidationCache.Entry> map = new HashMap<>();

        @Override
        public TokenValidationCache.Entry get(String key) {
            return map.get(key);
        }

        @Override
        public void put(String key, TokenValidationCache.Entry value) {
            map.put(key, value);
        }

        @Override
        public void invalidate(String key) {
            map.remove(key);
        }

        @Override
        public void close() {
        }
    }
}
