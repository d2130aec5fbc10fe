package dev.panthera.chat.web.ws;

import dev.panthera.chat.ChannelKind;
import dev.panthera.chat.RealtimeChannels;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Who is subscribed to which channel, on this instance. A frame published to a channel goes to
 * every subscriber but the one that caused it. Subscribers are held only while subscribed; an
 * empty channel leaves no entry behind. (More than one instance would need a shared bus, e.g.
 * Redis pub/sub, behind {@link #publish}.) Other modules publish through {@link RealtimeChannels}.
 */
@Component
final class Channels implements RealtimeChannels {

    /** Something that receives a channel's frames; a connection. */
    interface Subscriber {
        void deliver(String frame);
    }

    private final Map<String, ChannelKind> kinds;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

    Channels(List<ChannelKind> kinds) {
        this.kinds = kinds.stream().collect(Collectors.toUnmodifiableMap(ChannelKind::name, Function.identity()));
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
        subscribers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(subscriber);
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
        subscribers.computeIfPresent(key, (k, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void publish(String channel, String frame) {
        publish(channel, frame, null);
    }

    void publish(String key, String frame, Subscriber except) {
        Set<Subscriber> set = subscribers.get(key);
        if (set == null) {
            return;
        }
        for (Subscriber s : set) {
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
