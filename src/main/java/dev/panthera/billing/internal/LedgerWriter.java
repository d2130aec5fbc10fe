package dev.panthera.billing.internal;

import dev.panthera.billing.internal.BillingLedger.Entry;
import dev.panthera.shared.ThrottledWarning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes model calls to the ledger off the request path: a reply does not wait for a transaction,
 * and many calls share one: once an entry arrives, the writer lingers {@link #LINGER} for others
 * (or until a batch is full), so a busy node writes a few transactions a second, not one a call. A
 * batch that fails is retried (with backoff) until it is written, and on shutdown the queue is
 * drained before the database goes. A full queue makes the caller write its
 * own entry, which slows callers down rather than losing anything. Tokens queued but not yet
 * written are kept per subject so admission counts them against budgets at once.
 */
@Component
class LedgerWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);
    static final int BATCH = 500;
    private static final int CAPACITY = 50_000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** How long a first entry waits for company; budgets count queued tokens, so nothing waits on it. */
    static final Duration LINGER = Duration.ofMillis(100);

    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final BillingLedger ledger;
    private final long lingerNanos;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final AtomicLong unwritten = new AtomicLong();
    private final ThrottledWarning failing = new ThrottledWarning(log, "Ledger batch not written; retrying ({})");
    private volatile boolean running;
    private volatile Thread worker;

    @Autowired
    LedgerWriter(BillingLedger ledger) {
        this(ledger, LINGER);
    }

    LedgerWriter(BillingLedger ledger, Duration linger) {
        this.ledger = ledger;
        this.lingerNanos = linger.toNanos();
    }

    /** Queues the entry; its tokens count against its subjects' budgets from now on. */
    void submit(Entry entry) {
        count(entry, +1);
        unwritten.incrementAndGet();
        if (running && queue.offer(entry)) {
            return;
        }
        try {
            write(List.of(entry));
        } catch (RuntimeException e) {
            forget(List.of(entry));
            throw e; // the caller logs it
        }
    }

    /** Tokens of this subject queued and not yet in {@code billing_budgets}. */
    long pendingTokens(Subject subject) {
        return pending.getOrDefault(subject.id(), 0L);
    }

    /** Waits until everything submitted so far is written (tests, shutdown); false on timeout. */
    boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (unwritten.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long until = System.nanoTime() + lingerNanos;
                queue.drainTo(batch, BATCH - 1);
                while (running && batch.size() < BATCH && System.nanoTime() < until) {
                    long wait = Math.min(until - System.nanoTime(), POLL_SLICE_NANOS); // notices a stop
                    Entry next = queue.poll(wait, TimeUnit.NANOSECONDS);
                    if (next != null) {
                        batch.add(next);
                        queue.drainTo(batch, BATCH - batch.size());
                    }
                }
                writeUntilDone(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void writeUntilDone(List<Entry> batch) throws InterruptedException {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                write(batch);
                return;
            } catch (RuntimeException e) {
                failing.warn(e);
                if (!running) {
                    log.error("{} ledger entries could not be written at shutdown", batch.size());
                    forget(batch);
                    return;
                }
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void write(List<Entry> batch) {
        ledger.record(batch);
        forget(batch);
    }

    /** The entries are no longer queued: written, or given up. */
    private void forget(List<Entry> batch) {
        for (Entry e : batch) {
            count(e, -1);
        }
        unwritten.addAndGet(-batch.size());
    }

    private void count(Entry entry, int sign) {
        long tokens = entry.tokens();
        if (tokens == 0) {
            return;
        }
        for (Subject subject : entry.subjects()) {
            // a sum back at zero is removed, so subjects seen once do not stay in the map
            pending.merge(subject.id(), sign * tokens, (sum, delta) -> sum + delta == 0 ? null : sum + delta);
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().daemon().name("ledger-writer").start(this::drain);
    }

    @Override
    public void stop() {
        running = false; // the worker drains what is queued, then ends
        Thread w = worker;
        if (w != null) {
            try {
                w.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
