package dev.panthera.shared;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Messages between the nodes of one Panthera deployment, by topic: what a node publishes reaches
 * the listeners of that topic on every <em>other</em> node (the publisher delivers to its own
 * listeners itself, at once). Best effort, like Redis pub/sub: a node that is not subscribed when a
 * message goes out never sees it, so a topic's listeners get its current state some other way when
 * they join. One node needs nothing (in-process: messages stay home); Redis pub/sub when {@code
 * panthera.redis-url} is set.
 */
public interface MessageBus {

    /** Sends {@code message} to the other nodes' listeners of {@code topic}; never blocks, never throws. */
    void publish(String topic, String message);

    /**
     * Delivers the other nodes' messages on {@code topic} to {@code listener} until the returned
     * subscription is closed: one message at a time per topic, in the order each node published them,
     * on a thread that may block (a WebSocket send) without holding up other topics.
     */
    Subscription subscribe(String topic, Consumer<String> listener);

    /** A topic's listener; closing stops its deliveries. */
    interface Subscription extends AutoCloseable {

        /**
         * Completes once messages the other nodes publish from then on will arrive (Redis has taken
         * the SUBSCRIBE), so a subscriber can be told it is following; completed at once in-process.
         */
        CompletionStage<Void> ready();

        @Override
        void close();

        /** A subscription with nothing to wait for (in-process), closed by running {@code close}. */
        static Subscription immediate(Runnable close) {
            return new Subscription() {
                @Override
                public CompletionStage<Void> ready() {
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public void close() {
                    close.run();
                }
            };
        }
    }
}
