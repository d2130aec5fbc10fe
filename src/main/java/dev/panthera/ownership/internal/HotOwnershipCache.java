package dev.panthera.ownership.internal;

import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipRecord;
import dev.panthera.shared.EphemeralStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The first level of the ownership cache: fresh answers in the ephemeral store (in-process, or
 * Redis shared by every node), so an ownership check on every agent request costs no query. The
 * {@code ownership_cache} table stays the durable record and the fallback while a chain is down.
 */
@Component
class HotOwnershipCache {

    private final EphemeralStore store;

    HotOwnershipCache(EphemeralStore store) {
        this.store = store;
    }

    Optional<OwnershipRecord> get(NftId nft) {
        return store.get(key(nft)).map(value -> {
            String[] parts = value.split("\\|", 3);
            return new OwnershipRecord(
                    nft, parts[2], Long.parseLong(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])));
        });
    }

    /** Keeps the answer for what is left of its freshness. */
    void put(OwnershipRecord record, Duration cacheTtl, Instant now) {
        Duration left = cacheTtl.minus(Duration.between(record.lastVerified(), now));
        if (left.toMillis() > 0) {
            store.put(
                    key(record.nft()),
                    record.blockHeight() + "|" + record.lastVerified().toEpochMilli() + "|" + record.ownerAddress(),
                    left);
        }
    }

    void evict(NftId nft) {
        store.delete(key(nft));
    }

    private static String key(NftId nft) {
        return "ownership:" + nft.key();
    }
}
