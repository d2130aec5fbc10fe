package dev.panthera.chat.web.ws;

import dev.panthera.chat.ChannelKind;
import dev.panthera.chat.RealtimeChannels;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.MessageBus;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ThrottledWarning;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who is subscribed to which channel, on this node. A frame published to a channel goes to every
 * subscriber here but the one that caused it, and through the {@link MessageBus} to the channel's
 * subscribers on the other nodes (Redis pub/sub when configured): a node follows a channel's bus
 * topic only while it has a subscriber to it. Subscribers are held only while subscribed; an empty
 * channel leaves no entry behind. Other modules publish through {@link RealtimeChannels}.
 */
@Component
final class Channels implements RealtimeChannels {

    /** Something that receives a channel's frames; a connection. */
    interface Subscriber {
        void deliver(String frame);
    }

    /** A channel with subscribers on this node, and its bus topic (followed while it has them). */
    private record Local(Set<Subscriber> subscribers, MessageBus.Subscription topic) {}

    private static final Logger log = LoggerFactory.getLogger(Channels.class);
    private static final ThrottledWarning busSlow =
            new ThrottledWarning(log, "Following a channel on the other nodes is slow or failing: {}");

    /** How long a subscribe waits for the bus (Redis) to follow the channel's topic. */
    static final Duration BUS_WAIT = Duration.ofSeconds(2);

    /** Bus topics of channels: {@code ws:<channel>}. */
    static final String TOPIC_PREFIX = "ws:";

    private final Map<String, ChannelKind> kinds;
    private final MessageBus bus;
    private final Map<String, Local> channels = new ConcurrentHashMap<>();

    Channels(List<ChannelKind> kinds, MessageBus bus) {
        this.kinds = kinds.stream().collect(Collectors.toUnmodifiableMap(ChannelKind::name, Function.identity()));
        this.bus = bus;
    }

    /** Subscribes after the channel's kind allowed it; returns the channel's canonical name. */
    String subscribe(WalletPrincipal caller, String channel, Subscriber subscriber) {
        int colon = colon(channel);
        ChannelKind kind = kind(channel, colon);
        String key = kind.name() + ":" + kind.authorize(caller, channel.substring(colon + 1));
        subscribe(key, subscriber);
        return key;
    }

    /** Subscribes to a channel the caller is known to be allowed, e.g. a conversation it just wrote to. */
    void subscribe(String key, Subscriber subscriber) {
        // compute, not computeIfAbsent + add: a concurrent last remove must not drop the new one
        Local joined = channels.compute(key, (k, local) -> {
            Local channel = local != null
                    ? local
                    : new Local(
                            ConcurrentHashMap.newKeySet(),
                            bus.subscribe(TOPIC_PREFIX + k, frame -> deliver(k, frame, null)));
            channel.subscribers().add(subscriber);
            return channel;
        });
        awaitOtherNodes(joined.topic());
    }

    /**
     * Returns once the other nodes' frames will arrive too, so that a client told "subscribed" misses
     * nothing sent after; a bus that does not answer in time only delays this node's subscriber
     * (it has this node's frames already).
     */
    private static void awaitOtherNodes(MessageBus.Subscription topic) {
        try {
            topic.ready().toCompletableFuture().get(BUS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            busSlow.warn(e);
        }
    }

    /** The frames that tell a new subscriber of {@code key} (canonical) where the channel stands. */
    List<String> current(WalletPrincipal caller, String key) {
        int colon = colon(key);
        return kind(key, colon).current(caller, key.substring(colon + 1));
    }

    /**
     * The channel a socket URL names: {@code <name>s/<id>} (the part after {@code /v1/ws/}), e.g.
     * {@code deployments/<uuid>} is {@code deployment:<uuid>}. Not canonical yet: subscribing makes it so.
     */
    String ofPath(String path) {
        int slash = path.indexOf('/');
        String plural = slash < 0 ? path : path.substring(0, slash);
        String id = slash < 0 ? "" : path.substring(slash + 1);
        ChannelKind kind = plural.endsWith("s") ? kinds.get(plural.substring(0, plural.length() - 1)) : null;
        if (kind == null || id.isEmpty() || id.contains("/")) {
            throw PantheraException.notFound(
                    "No channel at /v1/ws/" + path + ": expected /v1/ws/<kind>s/<id>, kind one of " + kinds.keySet());
        }
        return kind.name() + ":" + id;
    }

    /** Returns the canonical name of the channel left. */
    String unsubscribe(String channel, Subscriber subscriber) {
        int colon = colon(channel);
        ChannelKind kind = kind(channel, colon);
        String key = kind.name() + ":" + kind.canonical(channel.substring(colon + 1));
        remove(key, subscriber);
        return key;
    }

    void remove(String key, Subscriber subscriber) {
        channels.computeIfPresent(key, (k, local) -> {
            local.subscribers().remove(subscriber);
            if (!local.subscribers().isEmpty()) {
                return local;
            }
            local.topic().close();
            return null;
        });
    }

    @Override
    public void publish(String channel, String frame) {
        publish(channel, frame, null);
    }

    /** To this node's subscribers but {@code except}, and to the other nodes'. */
    void publish(String key, String frame, Subscriber except) {
        deliver(key, frame, except);
        bus.publish(TOPIC_PREFIX + key, frame);
    }

    private void deliver(String key, String frame, Subscriber except) {
        Local local = channels.get(key);
        if (local == null) {
            return;
        }
        for (Subscriber s : local.subscribers()) {
            if (s != except) {
                s.deliver(frame);
            }
        }
    }

    static String conversation(Object conversationId) {
        return ConversationChannel.NAME + ":" + conversationId;
    }

    private static int colon(String channel) {
        int colon = channel.indexOf(':');
        if (colon <= 0 || colon == channel.length() - 1) {
            throw PantheraException.validation("channel must look like <kind>:<id>, e.g. conversation:<uuid>");
        }
        return colon;
    }

    private ChannelKind kind(String channel, int colon) {
        ChannelKind kind = kinds.get(channel.substring(0, colon));
        if (kind == null) {
            throw PantheraException.validation(
                    "Unknown channel kind '" + channel.substring(0, colon) + "': expected one of " + kinds.keySet());
        }
        return kind;
    }
}
