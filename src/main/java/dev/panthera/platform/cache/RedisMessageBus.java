package dev.panthera.platform.cache;

import dev.panthera.shared.MessageBus;
import dev.panthera.shared.ThrottledWarning;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus over Redis pub/sub: a Redis channel per topic (under a prefix), which a node subscribes
 * to only while it has a listener for the topic, so Redis sends each node just the topics it
 * follows. A message carries its node's id, and a node drops its own (it delivered them already).
 * Two connections, as Redis requires: one subscribed, one publishing; Lettuce reconnects both and
 * subscribes again after a drop (messages sent meanwhile are lost, as pub/sub always may).
 */
final class RedisMessageBus implements MessageBus, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisMessageBus.class);

    /** Between the publishing node's id and the message. */
    private static final char SEPARATOR = '\n';

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final String prefix;
    private final String node = newNodeId();
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final ThrottledWarning publishFailed =
            new ThrottledWarning(log, "Could not publish to the other nodes through Redis: {}");
    private final ThrottledWarning subscribeFailed =
            new ThrottledWarning(log, "Could not follow or leave a topic of the other nodes in Redis: {}");
    private final ThrottledWarning deliveryFailed =
            new ThrottledWarning(log, "A message from another node could not be delivered here: {}");

    /** A followed topic: its listener, the order its messages are delivered in, and its SUBSCRIBE. */
    private record Topic(Consumer<String> listener, SerialDelivery delivery, CompletionStage<Void> subscribed) {}

    RedisMessageBus(RedisURI uri, String prefix) {
        this.client = RedisClient.create(uri);
        this.prefix = prefix;
        try {
            this.publisher = client.connect();
            this.subscriber = client.connectPubSub();
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                receive(channel, message);
            }
        });
    }

    @Override
    public void publish(String topic, String message) {
        if (closed) {
            return;
        }
        try {
            publisher
                    .async()
                    .publish(prefix + topic, node + SEPARATOR + message)
                    .exceptionally(e -> {
                        publishFailed.warn(e);
                        return 0L;
                    });
        } catch (RuntimeException e) {
            publishFailed.warn(e);
        }
    }

    /**
     * One listener per topic (a second replaces the first until either is closed). Subscribing and
     * closing hold the bus's lock, so the SUBSCRIBE and UNSUBSCRIBE commands reach Redis in the
     * order the map changed (neither waits for Redis's answer).
     */
    @Override
    public synchronized Subscription subscribe(String topic, Consumer<String> listener) {
        Topic replaced = topics.get(topic);
        CompletionStage<Void> subscribed =
                replaced != null ? replaced.subscribed() : command(c -> c.subscribe(prefix + topic));
        Topic followed = new Topic(listener, new SerialDelivery(deliveries), subscribed);
        topics.put(topic, followed);
        return new Subscription() {
            @Override
            public CompletionStage<Void> ready() {
                return subscribed;
            }

            @Override
            public void close() {
                unsubscribe(topic, followed);
            }
        };
    }

    private synchronized void unsubscribe(String topic, Topic followed) {
        if (topics.remove(topic, followed)) {
            command(c -> c.unsubscribe(prefix + topic));
        }
    }

    /**
     * A SUBSCRIBE or UNSUBSCRIBE, never thrown: after {@link #close} (WebSocket connections still
     * closing while the application shuts down) or with Redis gone, the subscription only fails.
     */
    private CompletionStage<Void> command(
            Function<RedisPubSubAsyncCommands<String, String>, RedisFuture<Void>> command) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the message bus is closed"));
        }
        try {
            return command.apply(subscriber.async());
        } catch (RuntimeException e) {
            subscribeFailed.warn(e);
            return CompletableFuture.failedFuture(e);
        }
    }

    private void receive(String channel, String message) {
        int separator = message.indexOf(SEPARATOR);
        if (!channel.startsWith(prefix) || separator < 0 || message.startsWith(node + SEPARATOR)) {
            return; // not ours, or our own echo
        }
        Topic followed = topics.get(channel.substring(prefix.length()));
        if (followed == null) {
            return; // unsubscribed while the message was on its way
        }
        String payload = message.substring(separator + 1);
        followed.delivery().submit(() -> {
            try {
                followed.listener().accept(payload);
            } catch (RuntimeException e) {
                deliveryFailed.warn(e);
            }
        });
    }

    private static String newNodeId() {
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    @Override
    public void close() {
        closed = true;
        try {
            subscriber.close();
            publisher.close();
        } finally {
            client.shutdown();
            deliveries.shutdown();
        }
    }
}
