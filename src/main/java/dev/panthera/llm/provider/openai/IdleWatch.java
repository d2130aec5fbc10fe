package dev.panthera.llm.provider.openai;

import dev.panthera.shared.Timers;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Gives up on a response body the upstream stops sending: the JDK client's request timeout ends
 * with the response headers, and a model that stalls after them (before its first token or
 * mid-answer) must not hold the stream open forever. One shared timer thread checks each stream
 * when its silence could have reached the timeout; what to do then runs on a virtual thread, since
 * reporting a failure may retry the model or write to the client.
 */
final class IdleWatch {

    /** A finished stream's check leaves the queue at once (see {@link #stop}). */
    private static final ScheduledExecutorService TIMER = Timers.singleThread("llm-stream-watchdog");

    private final long timeoutNanos;
    private final Duration timeout;
    private final Consumer<Duration> onIdle;
    private volatile long lastActivity = System.nanoTime();
    private volatile ScheduledFuture<?> next;
    private volatile boolean stopped;

    IdleWatch(Duration timeout, Consumer<Duration> onIdle) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.onIdle = onIdle;
    }

    void start() {
        touch();
        schedule(timeoutNanos);
    }

    void touch() {
        lastActivity = System.nanoTime();
    }

    /** Drops the pending check, so a finished stream is not kept reachable by the timer for long. */
    void stop() {
        stopped = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void schedule(long delayNanos) {
        if (!stopped) {
            next = TIMER.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle < timeoutNanos) {
            schedule(timeoutNanos - idle);
            return;
        }
        stopped = true;
        Thread.startVirtualThread(() -> onIdle.accept(timeout));
    }
}
