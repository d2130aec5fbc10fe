package dev.panthera.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.EphemeralStore.WindowCount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EphemeralStore} must do. Each test uses its own keys, so implementations that
 * share state across tests (Redis) need no cleanup between them.
 */
abstract class EphemeralStoreContract {

    static final Duration SHORT = Duration.ofMillis(300);
    static final Duration LONG = Duration.ofMinutes(1);
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final String namespace = "contract:" + UUID.randomUUID() + ":";

    protected abstract EphemeralStore store();

    String key(String name) {
        return namespace + name;
    }

    @Test
    void putThenGetAndReplace() {
        store().put(key("k"), "one", LONG);
        assertThat(store().get(key("k"))).contains("one");
        store().put(key("k"), "two", LONG);
        assertThat(store().get(key("k"))).contains("two");
        assertThat(store().get(key("missing"))).isEmpty();
    }

    @Test
    void valueExpiresAfterItsTtl() {
        long before = System.nanoTime();
        store().put(key("k"), "v", SHORT);
        assertLiveUntilTtl(store().get(key("k")), before, SHORT);
        await(() -> store().get(key("k")).isEmpty());
    }

    @Test
    void putIfAbsentStoresOnlyOnce() {
        assertThat(store().putIfAbsent(key("k"), "first", LONG)).isTrue();
        assertThat(store().putIfAbsent(key("k"), "second", LONG)).isFalse();
        assertThat(store().get(key("k"))).contains("first");
    }

    @Test
    void putIfAbsentSucceedsAgainAfterExpiry() {
        assertThat(store().putIfAbsent(key("k"), "first", SHORT)).isTrue();
        await(() -> store().get(key("k")).isEmpty());
        assertThat(store().putIfAbsent(key("k"), "second", LONG)).isTrue();
        assertThat(store().get(key("k"))).contains("second");
    }

    @Test
    void takeReturnsTheValueOnce() {
        store().put(key("k"), "nonce", LONG);
        assertThat(store().take(key("k"))).contains("nonce");
        assertThat(store().take(key("k"))).isEmpty();
        assertThat(store().get(key("k"))).isEmpty();
        assertThat(store().take(key("missing"))).isEmpty();
    }

    @Test
    void deleteSaysWhetherTheKeyExisted() {
        store().put(key("k"), "v", LONG);
        assertThat(store().delete(key("k"))).isTrue();
        assertThat(store().delete(key("k"))).isFalse();
        assertThat(store().get(key("k"))).isEmpty();
    }

    @Test
    void incrementCountsWithinOneFixedWindow() {
        WindowCount first = store().increment(key("c"), LONG);
        WindowCount second = store().increment(key("c"), LONG);
        WindowCount third = store().increment(key("c"), LONG);
        assertThat(List.of(first.count(), second.count(), third.count())).containsExactly(1L, 2L, 3L);
        assertThat(first.resetsIn()).isPositive().isLessThanOrEqualTo(LONG);
        // the window starts with the first hit: later hits do not push it back
        assertThat(third.resetsIn()).isLessThanOrEqualTo(first.resetsIn());
        assertThat(store().get(key("c"))).contains("3");
    }

    @Test
    void incrementStartsANewWindowAfterReset() {
        long before = System.nanoTime();
        WindowCount first = store().increment(key("c"), SHORT);
        assertThat(first.count()).isEqualTo(1);
        assertThat(first.resetsIn()).isLessThanOrEqualTo(SHORT);
        WindowCount second = store().increment(key("c"), SHORT);
        if (Duration.ofNanos(System.nanoTime() - before).compareTo(SHORT) < 0) {
            assertThat(second.count()).isEqualTo(2);
        }
        await(() -> store().get(key("c")).isEmpty());
        assertThat(store().increment(key("c"), SHORT).count()).isEqualTo(1);
    }

    @Test
    void addAddsDeltasWithinOneFixedWindow() {
        WindowCount first = store().add(key("t"), 5, LONG);
        WindowCount second = store().add(key("t"), 7, LONG);
        assertThat(first.count()).isEqualTo(5);
        assertThat(second.count()).isEqualTo(12);
        assertThat(first.resetsIn()).isPositive().isLessThanOrEqualTo(LONG);
        assertThat(second.resetsIn()).isLessThanOrEqualTo(first.resetsIn());
        // one counter: increment and add count the same thing
        assertThat(store().increment(key("t"), LONG).count()).isEqualTo(13);
        assertThat(store().get(key("t"))).contains("13");
    }

    @Test
    void addingZeroReadsWithoutCreatingTheCounter() {
        WindowCount absent = store().add(key("t"), 0, LONG);
        assertThat(absent.count()).isZero();
        assertThat(absent.resetsIn()).isEqualTo(Duration.ZERO);
        assertThat(store().get(key("t"))).isEmpty();

        WindowCount added = store().add(key("t"), 3, LONG);
        WindowCount read = store().add(key("t"), 0, LONG);
        assertThat(read.count()).isEqualTo(3);
        assertThat(read.resetsIn()).isPositive().isLessThanOrEqualTo(added.resetsIn());
    }

    @Test
    void addStartsANewWindowAfterReset() {
        assertThat(store().add(key("t"), 10, SHORT).count()).isEqualTo(10);
        await(() -> store().add(key("t"), 0, SHORT).count() == 0);
        assertThat(store().add(key("t"), 4, SHORT).count()).isEqualTo(4);
    }

    @Test
    void addRejectsANegativeDelta() {
        assertThatThrownBy(() -> store().add(key("t"), -1, LONG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().add(key("t"), 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store().get(key("t"))).isEmpty();
    }

    @Test
    void concurrentAddsLoseNothing() throws Exception {
        List<Long> totals =
                race(500, i -> store().add(key("tokens"), i + 1, LONG).count());
        assertThat(totals).doesNotHaveDuplicates();
        assertThat(totals).contains(125_250L);
        assertThat(store().add(key("tokens"), 0, LONG).count()).isEqualTo(125_250L);
    }

    @Test
    void setsAddRemoveAndList() {
        store().addToSet(key("s"), "a", LONG);
        store().addToSet(key("s"), "b", LONG);
        store().addToSet(key("s"), "b", LONG);
        assertThat(store().members(key("s"))).containsExactlyInAnyOrder("a", "b");
        store().removeFromSet(key("s"), "a");
        store().removeFromSet(key("s"), "never-added");
        assertThat(store().members(key("s"))).containsExactly("b");
        store().removeFromSet(key("s"), "b");
        assertThat(store().members(key("s"))).isEmpty();
        assertThat(store().members(key("missing"))).isEmpty();
    }

    @Test
    void setExpiresAfterItsTtl() {
        long before = System.nanoTime();
        store().addToSet(key("s"), "a", SHORT);
        Set<String> members = store().members(key("s"));
        if (Duration.ofNanos(System.nanoTime() - before).compareTo(SHORT) < 0) {
            assertThat(members).containsExactly("a");
        }
        await(() -> store().members(key("s")).isEmpty());
    }

    @Test
    void addingToASetExtendsButNeverShortensItsTtl() throws InterruptedException {
        store().addToSet(key("longer"), "a", SHORT);
        store().addToSet(key("longer"), "b", LONG);
        store().addToSet(key("kept"), "a", LONG);
        store().addToSet(key("kept"), "b", SHORT);
        Thread.sleep(SHORT.plusMillis(200).toMillis()); // a wait for something that must NOT happen
        assertThat(store().members(key("longer"))).containsExactlyInAnyOrder("a", "b");
        assertThat(store().members(key("kept"))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void rejectsTtlsThatAreNotPositive() {
        assertThatThrownBy(() -> store().put(key("k"), "v", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().increment(key("c"), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentTakesHandTheValueToExactlyOne() throws Exception {
        store().put(key("nonce"), "n", LONG);
        List<Optional<String>> results = race(32, i -> store().take(key("nonce")));
        assertThat(results.stream().filter(Optional::isPresent).count()).isEqualTo(1);
    }

    @Test
    void concurrentPutIfAbsentHasExactlyOneWinner() throws Exception {
        List<Boolean> results = race(32, i -> store().putIfAbsent(key("lock"), "owner-" + i, LONG));
        assertThat(results.stream().filter(won -> won).count()).isEqualTo(1);
        int winner = results.indexOf(true);
        assertThat(store().get(key("lock"))).contains("owner-" + winner);
    }

    @Test
    void concurrentIncrementsLoseNoCount() throws Exception {
        List<Long> counts = race(1000, i -> store().increment(key("hits"), LONG).count());
        assertThat(counts).doesNotHaveDuplicates().hasSize(1000);
        assertThat(store().get(key("hits"))).contains("1000");
    }

    /** Runs n tasks on 32 threads, all released at once; results in task order. */
    static <T> List<T> race(int n, IndexedTask<T> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> call = () -> {
                    go.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    interface IndexedTask<T> {
        T run(int index) throws Exception;
    }

    /** Polls until the condition holds; fails after a bounded wait instead of sleeping a fixed time. */
    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", PATIENCE).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A read right after the write must see the value, unless the machine stalled past the TTL. */
    static void assertLiveUntilTtl(Optional<String> read, long writtenAt, Duration ttl) {
        if (read.isEmpty()) {
            assertThat(Duration.ofNanos(System.nanoTime() - writtenAt)).isGreaterThanOrEqualTo(ttl);
        }
    }
}
