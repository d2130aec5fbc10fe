package dev.panthera.support;

import dev.panthera.shared.MessageBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Several nodes' buses in one JVM, for tests: what one node publishes reaches the other nodes'
 * listeners of the topic at once, on the publishing thread, as {@link MessageBus} promises (never
 * the publisher's own). {@link #node()} adds a node; a network with one node is a single node's bus.
 */
public final class FakeMessageBus {

    private final List<Node> nodes = new CopyOnWriteArrayList<>();

    /** A new node on this network. */
    public Node node() {
        Node node = new Node();
        nodes.add(node);
        return node;
    }

    /** One node's bus, with what it published and which topics it follows. */
    public final class Node implements MessageBus {
        private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();
        private final List<String> published = new CopyOnWriteArrayList<>();

        @Override
        public void publish(String topic, String message) {
            published.add(topic + " " + message);
            for (Node other : nodes) {
                Consumer<String> listener = other == this ? null : other.listeners.get(topic);
                if (listener != null) {
                    listener.accept(message);
                }
            }
        }

        @Override
        public Subscription subscribe(String topic, Consumer<String> listener) {
            listeners.put(topic, listener);
            return Subscription.immediate(() -> listeners.remove(topic, listener));
        }

        /** "topic message" for each message this node published, in order. */
        public List<String> published() {
            return new ArrayList<>(published);
        }

        /** The topics this node follows now. */
        public List<String> topics() {
            return List.copyOf(listeners.keySet());
        }
    }
}
