package dev.panthera.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.shared.MessageBus;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' buses on one real Redis ({@code PANTHERA_TEST_REDIS_URL}, default localhost): what
 * one publishes reaches the other's listeners, in order, and never comes back to itself. Skipped,
 * with why, when no Redis is reachable. Each test's topics are under a prefix of its own.
 */
class RedisMessageBusIT {

    private final String prefix = "panthera-test:" + UUID.randomUUID() + ":bus:";
    private RedisURI uri;
    private RedisMessageBus node1;
    private RedisMessageBus node2;
    private RedisClient raw;
    private StatefulRedisConnection<String, String> rawConnection;

    @BeforeEach
    void connect() {
        String url = System.getenv("PANTHERA_TEST_REDIS_URL");
        uri = RedisURI.create(url == null || url.isBlank() ? "redis://127.0.0.1:6379/15" : url.strip());
        uri.setTimeout(Duration.ofSeconds(5));
        try {
            node1 = new RedisMessageBus(uri, prefix);
            node2 = new RedisMessageBus(uri, prefix);
            raw = RedisClient.create(uri);
            rawConnection = raw.connect();
        } catch (RedisException e) {
            Assumptions.abort("No Redis at " + EphemeralStoreConfig.describe(uri) + " (" + e.getMessage()
                    + "): set PANTHERA_TEST_REDIS_URL or start Redis");
        }
    }

    @AfterEach
    void close() {
        for (AutoCloseable c : new AutoCloseable[] {node1, node2}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing the next one matters more
                }
            }
        }
        if (rawConnection != null) {
            rawConnection.close();
            raw.shutdown();
        }
    }

    @Test
    void aMessageReachesTheOtherNodeInOrderAndNeverItsPublisher() throws Exception {
        List<String> atNode1 = new CopyOnWriteArrayList<>();
        List<String> atNode2 = new CopyOnWriteArrayList<>();
        node1.subscribe("ws:conversation:1", atNode1::add);
        node2.subscribe("ws:conversation:1", atNode2::add);
        awaitSubscribers("ws:conversation:1", 2);

        for (int i = 0; i < 500; i++) {
            node1.publish("ws:conversation:1", "frame " + i + "\nwith a newline");
        }
        node2.publish("ws:conversation:1", "from node 2");

        await(() -> atNode2.size() == 500 && atNode1.size() == 1);
        assertThat(atNode2.getFirst()).isEqualTo("frame 0\nwith a newline");
        assertThat(atNode2)
                .as("in the order published")
                .isSortedAccordingTo((a, b) ->
                        Integer.compare(Integer.parseInt(a.split("[ \n]")[1]), Integer.parseInt(b.split("[ \n]")[1])));
        assertThat(atNode1).containsExactly("from node 2");
    }

    @Test
    void aNodeHearsOnlyTheTopicsItFollowsAndOnlyWhileItFollowsThem() throws Exception {
        List<String> followed = new CopyOnWriteArrayList<>();
        MessageBus.Subscription subscription = node2.subscribe("ws:deployment:a", followed::add);
        awaitSubscribers("ws:deployment:a", 1);

        node1.publish("ws:deployment:b", "not followed");
        node1.publish("ws:deployment:a", "first");
        await(() -> followed.size() == 1);

        subscription.close();
        awaitSubscribers("ws:deployment:a", 0);
        List<String> marker = new CopyOnWriteArrayList<>();
        node2.subscribe("ws:deployment:marker", marker::add)
                .ready()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        node1.publish("ws:deployment:a", "after close");
        // one connection each way keeps node 1's order: once the marker is here, "after close" was not
        node1.publish("ws:deployment:marker", "marker");
        await(() -> marker.size() == 1);
        assertThat(followed).containsExactly("first");
    }

    @Test
    void aSubscriptionIsReadyOnceRedisHasIt() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        MessageBus.Subscription subscription = node2.subscribe("ws:conversation:r", heard::add);

        subscription.ready().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(rawConnection.sync().pubsubNumsub(prefix + "ws:conversation:r"))
                .containsEntry(prefix + "ws:conversation:r", 1L);
        node1.publish("ws:conversation:r", "right after");
        await(() -> heard.size() == 1);
        assertThat(heard).containsExactly("right after");
    }

    @Test
    void aListenerThatBlocksHoldsUpOnlyItsOwnTopic() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> slow = new CopyOnWriteArrayList<>();
        List<String> fast = new CopyOnWriteArrayList<>();
        node2.subscribe("ws:slow", m -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slow.add(m);
        });
        node2.subscribe("ws:fast", fast::add);
        awaitSubscribers("ws:slow", 1);
        awaitSubscribers("ws:fast", 1);

        node1.publish("ws:slow", "s1");
        node1.publish("ws:slow", "s2");
        node1.publish("ws:fast", "f1");

        await(() -> fast.size() == 1);
        assertThat(slow).as("still blocked in its first delivery").isEmpty();
        release.countDown();
        await(() -> slow.size() == 2);
        assertThat(slow).containsExactly("s1", "s2");
    }

    @Test
    void aListenerThatThrowsStillGetsTheNextMessage() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        node2.subscribe("ws:conversation:t", m -> {
                    heard.add(m);
                    if (m.equals("first")) {
                        throw new IllegalStateException("a broken connection");
                    }
                })
                .ready()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        node1.publish("ws:conversation:t", "first");
        node1.publish("ws:conversation:t", "second");

        await(() -> heard.size() == 2);
        assertThat(heard).containsExactly("first", "second");
    }

    @Test
    void aClosedBusRefusesQuietly() throws Exception {
        MessageBus.Subscription open = node2.subscribe("ws:conversation:c", m -> {});
        open.ready().toCompletableFuture().get(5, TimeUnit.SECONDS);

        node2.close();

        open.close(); // a WebSocket connection closing during shutdown: no exception
        node2.publish("ws:conversation:c", "after close");
        assertThat(node2.subscribe("ws:conversation:d", m -> {}).ready().toCompletableFuture())
                .isCompletedExceptionally();
    }

    /** SUBSCRIBE is sent without waiting; Redis counts a channel's subscribers once it took them. */
    private void awaitSubscribers(String topic, long count) throws InterruptedException {
        await(() -> rawConnection.sync().pubsubNumsub(prefix + topic).get(prefix + topic) == count);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
