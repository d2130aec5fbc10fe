package dev.panthera.chat.web.ws;

import dev.panthera.chat.ChatService;
import dev.panthera.chat.web.ws.FrameAssembler.Complete;
import dev.panthera.chat.web.ws.FrameAssembler.Oversized;
import dev.panthera.chat.web.ws.FrameAssembler.Partial;
import dev.panthera.identity.IdentityService;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.shared.PantheraException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator.OverflowStrategy;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v1/ws} (DESIGN.md §3 "Real-time"): chat and channels over one WebSocket, JSON text
 * frames of the seed 000 shape {@code {type, conversation_id, data}} (a channel's frames are its
 * kind's, e.g. {@code {type, deployment_id, data}}); {@code request_id}, when the client sends
 * one, comes back on the frames that answer it (and on every frame of the reply it started).
 *
 * <p>Client to server:
 *
 * <ul>
 *   <li>{@code {"type":"auth","data":{"token":"<access token or pnt_ API key>"}}}: first, unless the
 *       URL had {@code ?token=}; answered {@code {"type":"authenticated","data":{"wallet_address",
 *       "expires_at"}}}. Anything else first, a bad token first, or nothing for {@link
 *       #AUTH_TIMEOUT}: an error, then close 1008. Sent again later (same wallet) it renews an
 *       expired token.
 *   <li>{@code {"type":"message","conversation_id":<uuid>|null,"data":{"collection"?,
 *       "nft_token_id","content"}}}: sends a chat message; the reply streams back. The sender
 *       follows the conversation from then on (as if subscribed).
 *   <li>{@code {"type":"subscribe"|"unsubscribe","channel":"conversation:<uuid>"}}: receive what
 *       other connections send in a conversation of one's own; answered {@code subscribed} /
 *       {@code unsubscribed} with the channel.
 *   <li>{@code {"type":"cancel","conversation_id":<uuid>}}: stops this connection's running reply
 *       in that conversation; nothing of it is stored.
 *   <li>{@code {"type":"ping"}}: answered {@code {"type":"pong"}}.
 * </ul>
 *
 * <p>Channels are {@code <kind>:<id>}: {@code conversation:<uuid>} here, and whatever kinds other
 * modules declare as {@link dev.panthera.chat.ChannelKind} beans ({@code deployment:<uuid>}).
 * Subscribing answers {@code subscribed}, then the kind's current-state frames. A socket opened at
 * {@code /v1/ws/<kind>s/<id>} (e.g. {@code /v1/ws/deployments/<uuid>}) speaks the same protocol
 * and, once authenticated, follows that channel as if it had subscribed; a channel it may not
 * watch (or a URL that names none) gets the error and close 1008.
 *
 * <p>Server to client, for a reply: {@code typing} {@code {"typing":true}}; {@code message} frames
 * with {@code {"role":"assistant","delta":"...","done":false}}; {@code typing} {@code
 * {"typing":false}}; then {@code message} with {@code {"role":"assistant","content":<whole>,
 * "done":true,"tokens_used","model","timestamp"}} or an {@code error}. Other connections
 * subscribed to the conversation get the same frames, preceded by the user's message {@code
 * {"role":"user","content":"..."}}. Errors are {@code {"type":"error","conversation_id",
 * "request_id","data":{"code","message","status"}}} with the HTTP problem's code and status (and
 * {@code retry_after} when there is one).
 *
 * <p>Limits: a frame of at most {@link #MAX_FRAME_BYTES} (longer: an error, the connection
 * stays); {@link #MAX_RUNNING} replies at once per connection, one per conversation; {@link
 * #MAX_SUBSCRIPTIONS} channels. An expired token gets TOKEN_EXPIRED for every frame but auth and
 * ping, and no channel frames, until the client authenticates again. A client that does not read
 * (a send blocked over {@link #SEND_TIME_LIMIT_MS}, or over {@link #SEND_BUFFER_LIMIT_BYTES}
 * queued) is closed with 1011. Closing, either way, cancels the connection's running replies.
 * Nothing here logs tokens or message content.
 */
@Component
final class ChatSocketHandler extends AbstractWebSocketHandler {

    static final int MAX_FRAME_BYTES = 64 * 1024;
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
    static final int SEND_TIME_LIMIT_MS = 10_000;
    static final int SEND_BUFFER_LIMIT_BYTES = 512 * 1024;
    static final int MAX_RUNNING = 4;
    static final int MAX_SUBSCRIPTIONS = 100;
    /** Tomcat's own bound on one blocking send (default 20 s); ours is the same as the decorator's. */
    static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final Channels channels;
    private final Clock clock;
    private final FrameHandler frameHandler;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    ChatSocketHandler(
            ChatService chat,
            OwnershipService ownership,
            IdentityService identity,
            Channels channels,
            JsonMapper json,
            Clock clock) {
        this.channels = channels;
        this.clock = clock;
        this.frameHandler = new FrameHandler(chat, ownership, identity, channels, json);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        limitBlockingSends(session);
        Connection connection = new Connection(
                new ConcurrentWebSocketSessionDecorator(
                        session, SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT_BYTES, OverflowStrategy.TERMINATE),
                channels,
                clock,
                MAX_FRAME_BYTES);
        connections.put(session.getId(), connection);
        String channelPath = channelPath(session.getUri());
        if (channelPath != null) {
            try {
                connection.pathChannel(channels.ofPath(channelPath));
            } catch (PantheraException e) {
                frameHandler.refuse(connection, e, null);
                return;
            }
        }
        String token = QueryToken.of(session.getUri());
        if (token != null) {
            frameHandler.authenticate(connection, token, null);
            return;
        }
        CompletableFuture.delayedExecutor(
                        AUTH_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS,
                        task -> Thread.ofVirtual().start(task))
                .execute(() -> {
                    if (!connection.authenticated() && !connection.closed()) {
                        frameHandler.refuse(
                                connection,
                                PantheraException.unauthorized(
                                        "No auth message within " + AUTH_TIMEOUT.toSeconds() + " seconds"),
                                null);
                    }
                });
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        if (message instanceof TextMessage text) {
            switch (connection.inbound().append(text.getPayload(), text.isLast())) {
                case Complete complete -> frameHandler.handle(connection, complete.text());
                case Oversized oversized ->
                    frameHandler.reject(
                            connection,
                            PantheraException.validation("Frame is " + oversized.bytes() + " bytes; at most "
                                    + MAX_FRAME_BYTES + " are allowed"),
                            null);
                case Partial partial -> {}
            }
        } else if (message instanceof BinaryMessage binary && binary.isLast()) {
            frameHandler.reject(
                    connection, PantheraException.validation("Only text frames of JSON are accepted"), null);
        }
        // pong frames need no answer
    }

    @Override
    public boolean supportsPartialMessages() {
        // parts are joined by FrameAssembler up to MAX_FRAME_BYTES, so a huge frame is never held
        return true;
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            connection.close(CloseStatus.SERVER_ERROR);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            connection.shutdown();
        }
    }

    /** What follows {@code /v1/ws/} in the URL ({@code deployments/<id>}), or null for {@code /v1/ws} itself. */
    static String channelPath(URI uri) {
        String path = uri == null ? null : uri.getPath();
        if (path == null) {
            return null;
        }
        String prefix = WebSocketConfig.PATH + "/";
        int at = path.indexOf(prefix);
        return at < 0 || path.length() == at + prefix.length() ? null : path.substring(at + prefix.length());
    }

    /** Bounds one blocked send in Tomcat too, so a stalled client frees the sending thread. */
    private static void limitBlockingSends(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession) {
            jakarta.websocket.Session standard = nativeSession.getNativeSession(jakarta.websocket.Session.class);
            if (standard != null) {
                standard.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, (long) SEND_TIME_LIMIT_MS);
            }
        }
    }
}
