package dev.panthera.platform.cache;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one topic's deliveries one at a time, in order, on the given executor (virtual threads):
 * a listener that blocks (a slow WebSocket client) holds up its own topic only, and the thread
 * that received the messages (Redis's event loop) never waits for it.
 */
final class SerialDelivery {

    private final Executor executor;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    SerialDelivery(Executor executor) {
        this.executor = executor;
    }

    void submit(Runnable delivery) {
        queue.add(delivery);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            for (Runnable next = queue.poll(); next != null; next = queue.poll()) {
                next.run();
            }
        } finally {
            draining.set(false);
        }
        // a message queued after the last poll but before draining was cleared would wait forever
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }
}
