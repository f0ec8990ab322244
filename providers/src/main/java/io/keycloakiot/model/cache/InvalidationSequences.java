package io.keycloakiot.model.cache;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each key (a token's key id, a device, ground, owner or realm id) was last invalidated on this node, as a
 * sequence number: a load reads {@link #current()} before it reads the database, and what it loaded is usable only
 * while none of its keys has been invalidated since ({@link #unchangedSince}). So a load that read the database
 * before a concurrent change committed can never leave a usable stale entry behind, whatever the order in which the
 * load stores its entry and the change's invalidation arrives.
 *
 * <p>Bounded by construction: a fixed table of slots, one per key hash, so there are no tombstones to evict. Two keys
 * that share a slot only cost each other a database read now and then; a slot's number never goes down.
 */
final class InvalidationSequences {

    /** 65,536 slots (512 KiB): a realm's many keys rarely share one, so an invalidation reloads a handful of entries. */
    static final int SLOT_BITS = 16;

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLongArray slots;
    private final int shift;

    InvalidationSequences(int slotBits) {
        this.slots = new AtomicLongArray(1 << slotBits);
        this.shift = Integer.SIZE - slotBits;
    }

    /** The sequence a load compares against later: read it before reading the database. */
    long current() {
        return sequence.get();
    }

    /** Makes everything loaded with any of these keys so far unusable. */
    void invalidate(String key) {
        long next = sequence.incrementAndGet();
        slots.accumulateAndGet(slot(key), next, Math::max);
    }

    /** True when no key (nulls skipped) was invalidated after the load that read {@code loadedAt} began. */
    boolean unchangedSince(long loadedAt, String... keys) {
        for (String key : keys) {
            if (key != null && slots.get(slot(key)) > loadedAt) {
                return false;
            }
        }
        return true;
    }

    private int slot(String key) {
        // Fibonacci hashing spreads String.hashCode over the table's top bits.
        return (key.hashCode() * 0x9E3779B9) >>> shift;
    }
}
