package dev.panthera.identity.internal.session;

import dev.panthera.shared.EphemeralStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Seed 000's Redis structures for sessions: {@code session:{id}} (live until an instant, or
 * revoked; TTL 3600 s) so a request needs no database read, and {@code nft_sessions:{id}}, the
 * sessions bound to each NFT so they can all be revoked at once. The database stays the truth:
 * a miss reads it.
 */
@Component
class SessionStateCache {

    private static final Duration TTL = Duration.ofSeconds(3600);
    private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(60);
    private static final String REVOKED = "revoked";

    private final EphemeralStore store;

    SessionStateCache(EphemeralStore store) {
        this.store = store;
    }

    void live(SessionRecord session) {
        store.put(key(session.sessionId()), "live:" + session.expiresAt().toEpochMilli(), TTL);
        if (session.nftTokenId() != null) {
            store.addToSet(
                    nftKey(session.nftCollection() + "/" + session.nftTokenId()),
                    session.sessionId().toString(),
                    TTL);
        }
    }

    void revoked(UUID sessionId) {
        store.put(key(sessionId), REVOKED, TTL);
    }

    boolean isLive(UUID sessionId, Instant now, Supplier<Optional<SessionRecord>> database) {
        String cached = store.get(key(sessionId)).orElse(null);
        if (cached == null) {
            Optional<SessionRecord> session = database.get();
            if (session.isEmpty() || !session.get().activeAt(now)) {
                revoked(sessionId);
                return false;
            }
            live(session.get());
            return true;
        }
        if (cached.equals(REVOKED)) {
            return false;
        }
        return now.toEpochMilli() < Long.parseLong(cached.substring("live:".length()));
    }

    /** Runs the database update at most once a minute per session. */
    void touch(UUID sessionId, Runnable update) {
        if (store.putIfAbsent("session_touch:" + sessionId, "1", TOUCH_INTERVAL)) {
            update.run();
        }
    }

    /** The NFT's sessions ({@code collection/token}): the cached set joined with the database's, so none is missed. */
    Set<UUID> nftSessions(String nft, Supplier<List<UUID>> database) {
        java.util.LinkedHashSet<UUID> ids = new java.util.LinkedHashSet<>(database.get());
        for (String member : store.members(nftKey(nft))) {
            ids.add(UUID.fromString(member));
        }
        return ids;
    }

    private static String key(UUID sessionId) {
        return "session:" + sessionId;
    }

    private static String nftKey(String nft) {
        return "nft_sessions:" + nft;
    }
}
