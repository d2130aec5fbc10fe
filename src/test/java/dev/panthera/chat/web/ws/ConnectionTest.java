package dev.panthera.chat.web.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.panthera.chat.ChatService.ChatReply;
import dev.panthera.chat.ChatService.ChatStream;
import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import dev.panthera.support.FakeMessageBus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator.OverflowStrategy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A connection's reply relay and its backpressure, with a mocked socket. */
class ConnectionTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final WalletPrincipal ALICE = new WalletPrincipal(
            "0xA11ce", ChainFamily.EVM, UUID.randomUUID(), null, null, AuthLevel.USER, NOW.plusSeconds(60));

    final Channels channels = new Channels(List.of(), new FakeMessageBus().node());
    final ServerFrames frames = new ServerFrames(JSON);
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    static final class FakeStream implements ChatStream {
        final UUID id = UUID.randomUUID();
        final AtomicInteger cancels = new AtomicInteger();

        @Override
        public UUID conversationId() {
            return id;
        }

        @Override
        public Map<String, String> limits() {
            return Map.of();
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
        }
    }

    static List<JsonNode> sent(WebSocketSession session, List<TextMessage> into) throws Exception {
        return into.stream().map(m -> JSON.readTree(m.getPayload())).toList();
    }

    @Test
    void eventsBeforeTheConversationIsKnownAreReplayedInOrderAfterTypingStarts() throws Exception {
        WebSocketSession socket = mock(WebSocketSession.class);
        List<TextMessage> out = new ArrayList<>();
        doAnswer(i -> out.add(i.getArgument(0))).when(socket).sendMessage(any());
        Connection connection = new Connection(socket, channels, clock, 1024);
        connection.authenticate(ALICE);
        List<String> otherTab = new ArrayList<>();
        FakeStream stream = new FakeStream();
        channels.subscribe(Channels.conversation(stream.id), otherTab::add);

        ReplyRelay relay = new ReplyRelay(connection, channels, frames, "r1", "hello");
        // the model answers before chat.stream(...) has returned the conversation id
        relay.onToken("Hel");
        relay.onToken("lo");
        relay.onComplete(new ChatReply("Hello", stream.id, NOW, 12, "offline", Map.of()));
        assertThat(out).isEmpty();
        relay.started(stream, true);

        List<JsonNode> frames = sent(socket, out);
        assertThat(frames.stream().map(f -> f.get("type").asString()))
                .containsExactly("typing", "message", "message", "typing", "message");
        assertThat(frames.get(0).get("data").get("typing").asBoolean()).isTrue();
        assertThat(frames.get(1).get("data").get("delta").asString()).isEqualTo("Hel");
        assertThat(frames.get(2).get("data").get("delta").asString()).isEqualTo("lo");
        assertThat(frames.get(3).get("data").get("typing").asBoolean()).isFalse();
        JsonNode done = frames.get(4);
        assertThat(done.get("conversation_id").asString()).isEqualTo(stream.id.toString());
        assertThat(done.get("request_id").asString()).isEqualTo("r1");
        assertThat(done.get("data").get("done").asBoolean()).isTrue();
        assertThat(done.get("data").get("content").asString()).isEqualTo("Hello");
        assertThat(done.get("data").get("tokens_used").asInt()).isEqualTo(12);
        assertThat(connection.running(stream.id))
                .as("a finished reply is no longer running")
                .isNull();
        assertThat(stream.cancels).hasValue(0);

        assertThat(otherTab).hasSize(6);
        JsonNode echo = JSON.readTree(otherTab.getFirst());
        assertThat(echo.get("data").get("role").asString()).isEqualTo("user");
        assertThat(echo.get("data").get("content").asString()).isEqualTo("hello");
    }

    @Test
    void anErrorBeforeTheStreamReturnedEndsTheReplyWithoutCancelling() throws Exception {
        WebSocketSession socket = mock(WebSocketSession.class);
        List<TextMessage> out = new ArrayList<>();
        doAnswer(i -> out.add(i.getArgument(0))).when(socket).sendMessage(any());
        Connection connection = new Connection(socket, channels, clock, 1024);
        connection.authenticate(ALICE);
        FakeStream stream = new FakeStream();
        ReplyRelay relay = new ReplyRelay(connection, channels, frames, null, "hi");

        relay.onError(new PantheraException(ProblemCode.UPSTREAM_UNAVAILABLE, "model down"));
        relay.started(stream, false);
        relay.cancel();

        List<JsonNode> frames = sent(socket, out);
        assertThat(frames.stream().map(f -> f.get("type").asString())).containsExactly("typing", "typing", "error");
        assertThat(frames.get(2).get("data").get("code").asString()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(frames.get(2).get("data").get("status").asInt()).isEqualTo(503);
        assertThat(stream.cancels).as("an ended reply is not cancelled").hasValue(0);
        assertThat(connection.runningCount()).isZero();
    }

    @Test
    void aClientThatDoesNotReadIsClosedAndItsReplyCancelled() throws Exception {
        WebSocketSession socket = mock(WebSocketSession.class);
        when(socket.getId()).thenReturn("slow");
        when(socket.isOpen()).thenReturn(true);
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        doAnswer(i -> {
                    sending.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    return null;
                })
                .when(socket)
                .sendMessage(any());
        var decorated = new ConcurrentWebSocketSessionDecorator(socket, 60_000, 1000, OverflowStrategy.TERMINATE);
        Connection connection = new Connection(decorated, channels, clock, 1024);
        connection.authenticate(ALICE);
        FakeStream stream = new FakeStream();
        ReplyRelay relay = new ReplyRelay(connection, channels, frames, null, "hi");

        // one send is stuck in the socket (the client reads nothing) ...
        Thread stuck = Thread.ofVirtual().start(() -> connection.send("first"));
        assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
        relay.started(stream, false);
        assertThat(connection.running(stream.id)).isSameAs(relay);
        // ... so the reply's frames queue up until the queue passes its limit
        relay.onToken("x".repeat(1200));

        verify(socket).close(CloseStatus.SESSION_NOT_RELIABLE);
        assertThat(connection.closed()).isTrue();
        assertThat(stream.cancels).as("closing cancels the running reply").hasValue(1);
        assertThat(connection.runningCount()).isZero();
        release.countDown();
        stuck.join();
    }

    @Test
    void aTokenPastItsExpiryIsExpiredAndAKeyWithoutOneNeverIs() {
        assertThat(Connection.expired(ALICE, NOW)).isFalse();
        assertThat(Connection.expired(ALICE, NOW.plusSeconds(60))).isTrue();
        WalletPrincipal key =
                new WalletPrincipal("0xA11ce", ChainFamily.EVM, null, null, null, AuthLevel.USER, null, null);
        assertThat(Connection.expired(key, Instant.MAX)).isFalse();
        assertThat(Connection.expired(null, NOW)).isFalse();
    }
}
