package dev.panthera.chat.web.ws;

import static dev.panthera.chat.web.ws.ChatSocketHandler.MAX_RUNNING;
import static dev.panthera.chat.web.ws.ChatSocketHandler.MAX_SUBSCRIPTIONS;

import dev.panthera.chat.ChatService;
import dev.panthera.chat.ChatService.ChatStream;
import dev.panthera.chat.web.ws.ClientFrame.Auth;
import dev.panthera.chat.web.ws.ClientFrame.Cancel;
import dev.panthera.chat.web.ws.ClientFrame.Invalid;
import dev.panthera.chat.web.ws.ClientFrame.Ping;
import dev.panthera.chat.web.ws.ClientFrame.Send;
import dev.panthera.chat.web.ws.ClientFrame.Subscribe;
import dev.panthera.chat.web.ws.ClientFrame.Unsubscribe;
import dev.panthera.identity.IdentityService;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each client frame does (the protocol is on {@link ChatSocketHandler}). A PantheraException
 * becomes an error frame with its code and status; before authentication any problem also closes
 * the connection with 1008. Runs on the connection's reading thread, one frame at a time.
 */
final class FrameHandler {

    private static final Logger log = LoggerFactory.getLogger(FrameHandler.class);

    private final ChatService chat;
    private final OwnershipService ownership;
    private final IdentityService identity;
    private final Channels channels;
    private final ClientFrames parser;
    private final ServerFrames frames;

    FrameHandler(
            ChatService chat,
            OwnershipService ownership,
            IdentityService identity,
            Channels channels,
            JsonMapper json) {
        this.chat = chat;
        this.ownership = ownership;
        this.identity = identity;
        this.channels = channels;
        this.parser = new ClientFrames(json);
        this.frames = new ServerFrames(json);
    }

    void handle(Connection connection, String text) {
        ClientFrame frame = parser.parse(text);
        if (frame instanceof Invalid invalid) {
            reject(connection, invalid.error(), invalid);
            return;
        }
        if (!(frame instanceof Auth) && !connection.authenticated()) {
            refuse(
                    connection,
                    PantheraException.unauthorized(
                            "Authenticate first: {\"type\":\"auth\",\"data\":{\"token\":...}} or ?token="),
                    frame.requestId());
            return;
        }
        try {
            if (!(frame instanceof Auth || frame instanceof Ping) && connection.expired()) {
                throw new PantheraException(
                        ProblemCode.TOKEN_EXPIRED, "The token has expired: send a new auth message");
            }
            switch (frame) {
                case Auth auth -> authenticate(connection, auth.token(), auth.requestId());
                case Send send -> send(connection, send);
                case Subscribe subscribe -> subscribe(connection, subscribe);
                case Unsubscribe unsubscribe -> unsubscribe(connection, unsubscribe);
                case Cancel cancel -> cancel(connection, cancel);
                case Ping ping -> connection.send(frames.pong(ping.requestId()));
                case Invalid invalid -> reject(connection, invalid.error(), invalid);
            }
        } catch (PantheraException e) {
            connection.send(frames.error(e, conversationOf(frame), frame.requestId()));
        } catch (RuntimeException e) {
            log.error("WebSocket {} frame failed", frame.getClass().getSimpleName(), e);
            connection.send(frames.error(
                    new PantheraException(ProblemCode.INTERNAL, "Internal error"),
                    conversationOf(frame),
                    frame.requestId()));
        }
    }

    void authenticate(Connection connection, String token, String requestId) {
        WalletPrincipal principal;
        try {
            principal = identity.authenticate(token);
        } catch (PantheraException e) {
            if (connection.authenticated()) {
                connection.send(frames.error(e, null, requestId));
            } else {
                refuse(connection, e, requestId);
            }
            return;
        }
        WalletPrincipal current = connection.principal();
        if (current != null && !current.walletAddress().equals(principal.walletAddress())) {
            throw new PantheraException(
                    ProblemCode.FORBIDDEN,
                    "This connection belongs to another wallet; open a new connection to switch wallets");
        }
        connection.authenticate(principal);
        connection.send(frames.authenticated(principal, requestId));
        if (current == null && connection.pathChannel() != null) {
            follow(connection, requestId);
        }
    }

    /** A socket opened on a channel's URL follows it from authentication on, or is refused (1008). */
    private void follow(Connection connection, String requestId) {
        try {
            String key = channels.subscribe(connection.principal(), connection.pathChannel(), connection);
            connection.subscribed(key);
            connection.send(frames.subscribed("subscribed", key, requestId));
            sendCurrent(connection, key);
        } catch (PantheraException e) {
            refuse(connection, e, requestId);
        } catch (RuntimeException e) {
            log.error("WebSocket channel of the URL failed", e);
            refuse(connection, new PantheraException(ProblemCode.INTERNAL, "Internal error"), requestId);
        }
    }

    /** Where the channel stands now, so a late subscriber need not wait for the next change. */
    private void sendCurrent(Connection connection, String key) {
        for (String frame : channels.current(connection.principal(), key)) {
            connection.send(frame);
        }
    }

    private void send(Connection connection, Send send) {
        if (send.conversationId() != null && connection.running(send.conversationId()) != null) {
            throw new PantheraException(
                    ProblemCode.CONFLICT,
                    "A reply is already running in conversation " + send.conversationId()
                            + ": wait for it or cancel it");
        }
        if (connection.runningCount() >= MAX_RUNNING) {
            throw new PantheraException(
                    ProblemCode.RATE_LIMITED, "At most " + MAX_RUNNING + " replies may run at once on a connection");
        }
        NftId nft = ownership.nft(send.collection(), send.tokenId());
        ReplyRelay relay = new ReplyRelay(connection, channels, frames, send.requestId(), send.content());
        ChatStream stream = chat.stream(connection.principal(), nft, send.content(), send.conversationId(), relay);
        relay.started(stream, connection.subscriptionCount() < MAX_SUBSCRIPTIONS);
    }

    private void subscribe(Connection connection, Subscribe subscribe) {
        if (connection.subscriptionCount() >= MAX_SUBSCRIPTIONS) {
            throw PantheraException.validation(
                    "At most " + MAX_SUBSCRIPTIONS + " channels per connection: unsubscribe from some first");
        }
        String key = channels.subscribe(connection.principal(), subscribe.channel(), connection);
        connection.subscribed(key);
        connection.send(frames.subscribed("subscribed", key, subscribe.requestId()));
        sendCurrent(connection, key);
    }

    private void unsubscribe(Connection connection, Unsubscribe unsubscribe) {
        String key = channels.unsubscribe(unsubscribe.channel(), connection);
        connection.unsubscribed(key);
        connection.send(frames.subscribed("unsubscribed", key, unsubscribe.requestId()));
    }

    private void cancel(Connection connection, Cancel cancel) {
        ReplyRelay relay = connection.running(cancel.conversationId());
        if (relay == null) {
            throw PantheraException.notFound(
                    "No reply is running in conversation " + cancel.conversationId() + " on this connection");
        }
        relay.cancel();
    }

    /** A bad frame: an error; before authentication also the end of the connection. */
    void reject(Connection connection, PantheraException error, Invalid frame) {
        String requestId = frame == null ? null : frame.requestId();
        if (!connection.authenticated()) {
            refuse(connection, error, requestId);
            return;
        }
        connection.send(frames.error(error, frame == null ? null : frame.conversationId(), requestId));
    }

    /** The error, then close 1008 (policy violation): the connection never authenticated. */
    void refuse(Connection connection, PantheraException error, String requestId) {
        connection.send(frames.error(error, null, requestId));
        connection.close(CloseStatus.POLICY_VIOLATION);
    }

    private static UUID conversationOf(ClientFrame frame) {
        return switch (frame) {
            case Send send -> send.conversationId();
            case Cancel cancel -> cancel.conversationId();
            default -> null;
        };
    }
}
