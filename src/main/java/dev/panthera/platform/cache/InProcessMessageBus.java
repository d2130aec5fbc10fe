package dev.panthera.platform.cache;

import dev.panthera.shared.MessageBus;
import java.util.function.Consumer;

/** The bus of a single node: there is no other node to tell, so nothing leaves and nothing arrives. */
final class InProcessMessageBus implements MessageBus {

    @Override
    public void publish(String topic, String message) {
        // the publisher has delivered to this node's listeners itself
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> listener) {
        return Subscription.immediate(() -> {}); // nothing was subscribed
    }
}
