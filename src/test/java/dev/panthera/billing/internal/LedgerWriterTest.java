package dev.panthera.billing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.billing.BillingService.ModelCall;
import dev.panthera.billing.internal.BillingLedger.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LedgerWriterTest {

    static final Subject ALICE = Subject.wallet("0xa11ce");
    static final Subject KEY = Subject.key(java.util.UUID.randomUUID());

    /** A ledger in memory that can be made to refuse the next writes or to hold a batch. */
    static final class MemoryLedger extends BillingLedger {
        final List<List<Entry>> batches = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);

        MemoryLedger() {
            super(null, null);
        }

        @Override
        void record(List<Entry> entries) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("database down");
            }
            batches.add(List.copyOf(entries));
        }

        int written() {
            return batches.stream().mapToInt(List::size).sum();
        }
    }

    final MemoryLedger ledger = new MemoryLedger();
    final LedgerWriter writer = new LedgerWriter(ledger);

    @AfterEach
    void stop() {
        ledger.gate.countDown();
        writer.stop();
    }

    static Entry entry(int tokens, Subject... subjects) {
        return new Entry(
                new ModelCall(
                        "0xa11ce", null, "c/1", null, "m", "chat", tokens, 0, Duration.ZERO, true, null, Instant.now()),
                null,
                Instant.now(),
                List.of(subjects));
    }

    @Test
    void queuedTokensCountAgainstBudgetsUntilWrittenAndManyCallsShareABatch() throws Exception {
        writer.start();
        ledger.gate = new CountDownLatch(1); // hold the writer so calls pile up
        writer.submit(entry(10, ALICE, KEY));
        for (int i = 0; i < 99; i++) {
            writer.submit(entry(1, ALICE));
        }
        assertThat(writer.pendingTokens(ALICE)).isEqualTo(109);
        assertThat(writer.pendingTokens(KEY)).isEqualTo(10);

        ledger.gate.countDown();
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(ledger.written()).isEqualTo(100);
        assertThat(ledger.batches.size()).as("batches for 100 calls").isLessThanOrEqualTo(2);
        assertThat(writer.pendingTokens(ALICE)).isZero();
        assertThat(writer.pendingTokens(KEY)).isZero();
    }

    @Test
    void callsArrivingWithinTheLingerShareOneTransaction() throws Exception {
        LedgerWriter lingering = new LedgerWriter(ledger, Duration.ofSeconds(5));
        lingering.start();
        try {
            for (int i = 0; i < 10; i++) {
                lingering.submit(entry(1, ALICE)); // one at a time, as calls finish on a quiet node
                Thread.sleep(20);
            }
            assertThat(ledger.batches)
                    .as("nothing written while the first entry lingers")
                    .isEmpty();
            assertThat(lingering.pendingTokens(ALICE)).isEqualTo(10);
            assertThat(lingering.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(ledger.batches).hasSize(1);
            assertThat(ledger.batches.getFirst()).hasSize(10);
        } finally {
            lingering.stop();
        }
    }

    @Test
    void aStopDuringTheLingerWritesWhatWaited() throws Exception {
        LedgerWriter lingering = new LedgerWriter(ledger, Duration.ofMinutes(10));
        lingering.start();
        lingering.submit(entry(3, ALICE));
        Thread.sleep(50);
        long stopping = System.nanoTime();
        lingering.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
        assertThat(ledger.written()).isEqualTo(1);
        assertThat(lingering.pendingTokens(ALICE)).isZero();
    }

    @Test
    void aFailingBatchIsRetriedUntilWrittenNothingLost() throws Exception {
        writer.start();
        ledger.failures.set(3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 400; i++) {
            pool.submit(() -> writer.submit(entry(2, ALICE)));
        }
        pool.shutdown();
        assertThat(writer.flush(Duration.ofSeconds(20))).isTrue();
        assertThat(ledger.written()).isEqualTo(400);
        assertThat(ledger.failures.get()).isZero();
        assertThat(writer.pendingTokens(ALICE)).isZero();
    }

    @Test
    void stoppingDrainsTheQueueAndAfterwardsCallersWriteThemselves() throws Exception {
        writer.start();
        ledger.gate = new CountDownLatch(1);
        for (int i = 0; i < 50; i++) {
            writer.submit(entry(1, ALICE));
        }
        Thread stopper = Thread.ofVirtual().start(writer::stop);
        ledger.gate.countDown();
        stopper.join(Duration.ofSeconds(10));
        assertThat(ledger.written()).isEqualTo(50);

        writer.submit(entry(1, ALICE)); // stopped: written on the caller's thread
        assertThat(ledger.written()).isEqualTo(51);
    }

    @Test
    void aBatchTheDatabaseStillRefusesAtShutdownIsGivenUpNotLeftPending() throws Exception {
        writer.start();
        ledger.failures.set(1_000_000);
        for (int i = 0; i < 5; i++) {
            writer.submit(entry(3, ALICE));
        }
        writer.stop();
        assertThat(ledger.written()).isZero();
        assertThat(writer.pendingTokens(ALICE)).isZero();
        assertThat(writer.flush(Duration.ZERO))
                .as("nothing counted as still queued")
                .isTrue();
    }

    @Test
    void aCallerWritingItselfSeesTheFailureAndLeavesNothingPending() throws Exception {
        ledger.failures.set(1); // not started: the caller writes
        assertThatThrownBy(() -> writer.submit(entry(5, ALICE))).hasMessageContaining("database down");
        assertThat(writer.pendingTokens(ALICE)).isZero();
        assertThat(writer.flush(Duration.ZERO)).as("nothing left unwritten").isTrue();
        assertThat(ledger.batches).isEmpty();
    }
}
