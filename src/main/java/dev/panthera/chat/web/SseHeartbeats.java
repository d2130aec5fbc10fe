package dev.panthera.chat.web;

import dev.panthera.shared.Timers;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Gives each open {@link SseRelay} its heartbeat turns from one shared timer thread; a turn runs on
 * a virtual thread of its own, since writing to a client that does not read blocks. A relay that
 * ends cancels its turn, which leaves the queue at once: a pending turn holds the whole stream (its
 * response, the model's stream and what it kept), and streams end far sooner than a heartbeat.
 */
final class SseHeartbeats {

    private static final ScheduledThreadPoolExecutor TIMER = Timers.singleThread("sse-heartbeats");

    private SseHeartbeats() {}

    /** Schedules the relay's turn in {@code delayNanos}; the returned future cancels it. */
    static Future<?> schedule(SseRelay<?> relay, long delayNanos) {
        return TIMER.schedule(() -> Thread.startVirtualThread(relay::beatTurn), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Turns waiting in the timer (tests). */
    static int scheduled() {
        return TIMER.getQueue().size();
    }
}
