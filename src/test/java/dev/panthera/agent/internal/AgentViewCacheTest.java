package dev.panthera.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.agent.AgentView;
import dev.panthera.ownership.NftId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentViewCacheTest {

    final AgentViewCache cache = new AgentViewCache();
    final NftId nft = new NftId("c", "1");
    final AtomicInteger reads = new AtomicInteger();

    AgentView view(String owner) {
        return new AgentView(
                null, nft, owner, null, null, null, null, null, null, null, null, 1, null, null, null, null, null, null,
                null);
    }

    @Test
    void aReadThatOverlappedAWriteIsNotCached() {
        AgentView stale = view("0xa");
        cache.get(nft, "0xa", () -> {
            reads.incrementAndGet();
            cache.changed(nft); // a write lands while the row is being read
            return stale;
        });
        AgentView fresh = view("0xa");
        assertThat(cache.get(nft, "0xa", () -> {
                    reads.incrementAndGet();
                    return fresh;
                }))
                .isSameAs(fresh);
        assertThat(cache.get(nft, "0xa", () -> {
                    reads.incrementAndGet();
                    return view("0xa");
                }))
                .as("the clean read is cached")
                .isSameAs(fresh);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aNewOwnerOrAChangeOfAnyAgentReadsAgain() {
        AgentView alices = view("0xA");
        assertThat(cache.get(nft, "0xa", () -> alices)).isSameAs(alices);
        assertThat(cache.get(nft, "0xa", () -> view("0xa")))
                .as("owner compared ignoring case")
                .isSameAs(alices);
        AgentView bobs = view("0xb");
        assertThat(cache.get(nft, "0xb", () -> bobs)).as("the token moved").isSameAs(bobs);
        cache.changed(null);
        AgentView after = view("0xb");
        assertThat(cache.get(nft, "0xb", () -> after)).isSameAs(after);
    }
}
