package dev.panthera.agent.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.panthera.agent.AgentView;
import dev.panthera.ownership.NftId;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Agents as last read, so a chat turn does not read and parse the agent's row and persona every
 * time. Every write in this module on this node drops what it may have changed at once, and again
 * after its transaction commits (a reader between the two would otherwise cache the old row); a
 * write on another node shows here within {@link #FRESH_FOR}. A read that overlapped any write is
 * not cached.
 */
@Component
public class AgentViewCache {

    /** How stale a view may be after a change made by another node. */
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final Cache<NftId, AgentView> views = Caffeine.newBuilder()
            .expireAfterWrite(FRESH_FOR)
            .maximumSize(50_000)
            .build();
    private final AtomicLong generation = new AtomicLong();

    /** The cached view when it is still held by {@code owner}; otherwise reads, caches and returns it. */
    AgentView get(NftId nft, String owner, Supplier<AgentView> read) {
        AgentView cached = views.getIfPresent(nft);
        if (cached != null && cached.ownerAddress().equalsIgnoreCase(owner)) {
            return cached;
        }
        long before = generation.get();
        AgentView fresh = read.get();
        if (generation.get() == before) {
            views.put(nft, fresh);
        }
        return fresh;
    }

    /** Something about this NFT's agent changed (or about some agent, when {@code nft} is null). */
    public void changed(NftId nft) {
        drop(nft);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    drop(nft);
                }
            });
        }
    }

    private void drop(NftId nft) {
        generation.incrementAndGet();
        if (nft == null) {
            views.invalidateAll();
        } else {
            views.invalidate(nft);
        }
    }
}
