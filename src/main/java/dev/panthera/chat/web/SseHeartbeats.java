package dev.panthera.chat.web;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Gives each open {@link SseRelay} its heartbeat turns from one shared timer thread; a turn runs on
 * a virtual thread of its own, since writing to a client that does not read blocks.
 */
final class SseHeartbeats {

    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("sse-heartbeats").daemon().factory());

    private SseHeartbeats() {}

    static void watch(SseRelay<?> relay) {
        schedule(relay, SseRelay.HEARTBEAT.toNanos());
    }

    private static void schedule(SseRelay<?> relay, long delayNanos) {
        TIMER.schedule(() -> Thread.startVirtualThread(() -> turn(relay)), delayNanos, TimeUnit.NANOSECONDS);
    }

    private static void turn(SseRelay<?> relay) {
        long next = relay.beat();
        if (next >= 0) {
            schedule(relay, next);
        }
    }
}
