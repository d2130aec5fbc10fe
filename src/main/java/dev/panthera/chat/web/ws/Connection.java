package dev.panthera.chat.web.ws;

import dev.panthera.identity.WalletPrincipal;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * One client connection: who it is (once authenticated), its running replies and its channels.
 * Frames leave through a {@link
 * org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator}, so any thread may
 * send; a client that reads too slowly (a send blocked past its time limit, or too much waiting
 * behind it) is closed, and closing cancels the running replies and leaves the channels.
 */
final class Connection implements Channels.Subscriber {

    private final WebSocketSession session;
    private final Channels channels;
    private final Clock clock;
    private final FrameAssembler inbound;
    private final Map<UUID, ReplyRelay> running = new ConcurrentHashMap<>();
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WalletPrincipal principal;
    private volatile String pathChannel;

    Connection(WebSocketSession session, Channels channels, Clock clock, int maxFrameBytes) {
        this.session = session;
        this.channels = channels;
        this.clock = clock;
        this.inbound = new FrameAssembler(maxFrameBytes);
    }

    FrameAssembler inbound() {
        return inbound;
    }

    WalletPrincipal principal() {
        return principal;
    }

    void authenticate(WalletPrincipal principal) {
        this.principal = principal;
    }

    /** The channel the socket's URL names ({@code /v1/ws/<kind>s/<id>}), followed once authenticated; or null. */
    String pathChannel() {
        return pathChannel;
    }

    void pathChannel(String channel) {
        this.pathChannel = channel;
    }

    boolean authenticated() {
        return principal != null;
    }

    /** Whether the token the connection authenticated with has expired (an API key may never). */
    boolean expired() {
        return expired(principal, clock.instant());
    }

    static boolean expired(WalletPrincipal principal, Instant now) {
        return principal != null && principal.expiresAt() != null && !now.isBefore(principal.expiresAt());
    }

    boolean closed() {
        return closed.get();
    }

    void send(String frame) {
        if (closed.get()) {
            return;
        }
        try {
            session.sendMessage(new TextMessage(frame));
        } catch (SessionLimitExceededException e) {
            close(e.getStatus());
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the socket broke
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    /** A channel's frame: only while the connection's token is valid. */
    @Override
    public void deliver(String frame) {
        if (authenticated() && !expired()) {
            send(frame);
        }
    }

    ReplyRelay running(UUID conversationId) {
        return running.get(conversationId);
    }

    int runningCount() {
        return running.size();
    }

    /** False when the connection closed meanwhile: the caller must stop the reply. */
    boolean register(UUID conversationId, ReplyRelay relay) {
        running.put(conversationId, relay);
        if (closed.get()) {
            running.remove(conversationId, relay);
            return false;
        }
        return true;
    }

    void ended(UUID conversationId, ReplyRelay relay) {
        running.remove(conversationId, relay);
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    void subscribed(String key) {
        subscriptions.add(key);
        if (closed.get()) {
            channels.remove(key, this);
        }
    }

    void unsubscribed(String key) {
        subscriptions.remove(key);
    }

    void close(CloseStatus status) {
        shutdown();
        try {
            session.close(status);
        } catch (IOException | IllegalStateException e) {
            // already closing
        }
    }

    /** Idempotent: cancels the running replies (nothing of them is stored) and leaves every channel. */
    void shutdown() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ReplyRelay relay : running.values()) {
            relay.abort();
        }
        running.clear();
        for (String key : subscriptions) {
            channels.remove(key, this);
        }
        subscriptions.clear();
    }
}
