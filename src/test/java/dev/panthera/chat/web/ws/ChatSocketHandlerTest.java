package dev.panthera.chat.web.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.panthera.chat.ChannelKind;
import dev.panthera.chat.ChatService;
import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.IdentityService;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.shared.PantheraException;
import dev.panthera.support.FakeMessageBus;
import dev.panthera.support.MutableClock;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The handler's authentication and frame handling, with mocked services and socket. */
class ChatSocketHandlerTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final MutableClock clock = new MutableClock();
    final IdentityService identity = mock(IdentityService.class);
    final ChatService chat = mock(ChatService.class);
    final WebSocketSession session = mock(WebSocketSession.class);
    final List<String> sent = new CopyOnWriteArrayList<>();
    Channels channels;
    ChatSocketHandler handler;

    /** A kind another module might add: rooms open to ids starting "open", with a state frame for newcomers. */
    static final ChannelKind ROOMS = new ChannelKind() {
        @Override
        public String name() {
            return "room";
        }

        @Override
        public String authorize(WalletPrincipal caller, String id) {
            if (!id.startsWith("open")) {
                throw PantheraException.notFound("No room " + id);
            }
            return id;
        }

        @Override
        public String canonical(String id) {
            return id;
        }

        @Override
        public List<String> current(WalletPrincipal caller, String id) {
            return List.of("{\"type\":\"state\",\"room\":\"" + id + "\"}");
        }
    };

    WalletPrincipal principal(String wallet, Duration validFor) {
        Instant expiresAt = Instant.now().plus(validFor);
        return new WalletPrincipal(wallet, ChainFamily.EVM, UUID.randomUUID(), null, null, AuthLevel.USER, expiresAt);
    }

    @BeforeEach
    void setUp() throws Exception {
        channels = new Channels(List.of(new ConversationChannel(chat), ROOMS), new FakeMessageBus().node());
        handler = new ChatSocketHandler(chat, mock(OwnershipService.class), identity, channels, JSON, clock);
        when(session.getId()).thenReturn("s1");
        when(session.isOpen()).thenReturn(true);
        doAnswer(i -> sent.add(((TextMessage) i.getArgument(0)).getPayload()))
                .when(session)
                .sendMessage(any());
    }

    List<JsonNode> frames() {
        List<JsonNode> frames = new ArrayList<>();
        sent.forEach(s -> frames.add(JSON.readTree(s)));
        sent.clear();
        return frames;
    }

    JsonNode only() {
        List<JsonNode> frames = frames();
        assertThat(frames).hasSize(1);
        return frames.getFirst();
    }

    void text(String text) {
        handler.handleMessage(session, new TextMessage(text));
    }

    @Test
    void anExpiredTokenRefusesFramesUntilTheSameWalletAuthenticatesAgain() throws Exception {
        when(session.getUri()).thenReturn(URI.create("ws://h/v1/ws?token=short"));
        when(identity.authenticate("short")).thenReturn(principal("0xA11ce", Duration.ofMinutes(1)));
        when(identity.authenticate("renewed")).thenReturn(principal("0xA11ce", Duration.ofHours(1)));
        when(identity.authenticate("bobs")).thenReturn(principal("0xB0b", Duration.ofHours(1)));
        handler.afterConnectionEstablished(session);
        assertThat(only().get("data").get("wallet_address").asString()).isEqualTo("0xA11ce");

        clock.advance(Duration.ofMinutes(2));
        text("{\"type\":\"ping\"}");
        assertThat(only().get("type").asString())
                .as("ping needs no valid token")
                .isEqualTo("pong");
        UUID conversation = UUID.randomUUID();
        text("{\"type\":\"subscribe\",\"channel\":\"conversation:" + conversation + "\"}");
        JsonNode expired = only();
        assertThat(expired.get("type").asString()).isEqualTo("error");
        assertThat(expired.get("data").get("code").asString()).isEqualTo("TOKEN_EXPIRED");
        assertThat(expired.get("data").get("status").asInt()).isEqualTo(401);

        text("{\"type\":\"auth\",\"data\":{\"token\":\"bobs\"}}");
        assertThat(only().get("data").get("code").asString())
                .as("a connection keeps its wallet")
                .isEqualTo("FORBIDDEN");
        text("{\"type\":\"auth\",\"data\":{\"token\":\"renewed\"},\"request_id\":\"again\"}");
        JsonNode renewed = only();
        assertThat(renewed.get("type").asString()).isEqualTo("authenticated");
        assertThat(renewed.get("request_id").asString()).isEqualTo("again");
        text("{\"type\":\"subscribe\",\"channel\":\"conversation:" + conversation + "\"}");
        assertThat(only().get("type").asString()).isEqualTo("subscribed");
        verify(chat).messages(any(), any(), any(Integer.class), any(Integer.class));
        verify(session, never()).close(any());
    }

    @Test
    void oversizedAndBinaryFramesAreErrorsOnceAuthenticated() throws Exception {
        when(session.getUri()).thenReturn(URI.create("ws://h/v1/ws?token=t"));
        when(identity.authenticate("t")).thenReturn(principal("0xA11ce", Duration.ofHours(1)));
        handler.afterConnectionEstablished(session);
        frames();

        String part = "x".repeat(40 * 1024);
        handler.handleMessage(session, new TextMessage(part, false));
        assertThat(sent).as("nothing until the last part").isEmpty();
        handler.handleMessage(session, new TextMessage(part, true));
        JsonNode tooBig = only();
        assertThat(tooBig.get("data").get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooBig.get("data").get("message").asString()).contains("65536");

        handler.handleMessage(session, new BinaryMessage(ByteBuffer.wrap(new byte[] {1, 2}), true));
        assertThat(only().get("data").get("message").asString()).contains("text frames");
        text("{\"type\":\"ping\"}");
        assertThat(only().get("type").asString()).isEqualTo("pong");
        verify(session, never()).close(any());
    }

    @Test
    void beforeAuthenticationAnyOtherFrameIsAnErrorAndPolicyViolation() throws Exception {
        when(session.getUri()).thenReturn(URI.create("ws://h/v1/ws"));
        handler.afterConnectionEstablished(session);
        text("{\"type\":\"subscribe\",\"channel\":\"conversation:" + UUID.randomUUID() + "\"}");
        assertThat(only().get("data").get("code").asString()).isEqualTo("UNAUTHORIZED");
        verify(session).close(CloseStatus.POLICY_VIOLATION);
    }

    @Test
    void aSocketOpenedOnAChannelsUrlFollowsItAndHearsWhereItStands() throws Exception {
        when(session.getUri()).thenReturn(URI.create("ws://h/v1/ws/rooms/open-1?token=t"));
        when(identity.authenticate("t")).thenReturn(principal("0xA11ce", Duration.ofHours(1)));
        handler.afterConnectionEstablished(session);
        List<JsonNode> hello = frames();
        assertThat(hello)
                .extracting(f -> f.get("type").asString())
                .containsExactly("authenticated", "subscribed", "state");
        assertThat(hello.get(1).get("channel").asString()).isEqualTo("room:open-1");
        assertThat(hello.get(2).get("room").asString()).isEqualTo("open-1");

        channels.publish("room:open-1", "{\"type\":\"news\"}");
        assertThat(only().get("type").asString()).isEqualTo("news");
        verify(session, never()).close(any());
    }

    @Test
    void onAChannelsUrlTheFirstMessageAuthenticatesAndSubscribes() throws Exception {
        when(session.getUri()).thenReturn(URI.create("ws://h/v1/ws/rooms/open-2"));
        when(identity.authenticate("t")).thenReturn(principal("0xA11ce", Duration.ofHours(1)));
        handler.afterConnectionEstablished(session);
        assertThat(sent).isEmpty();
        channels.publish("room:open-2", "{\"type\":\"news\"}");
        assertThat(sent).as("nothing before authentication").isEmpty();

        text("{\"type\":\"auth\",\"data\":{\"token\":\"t\"},\"request_id\":\"a\"}");
        List<JsonNode> hello = frames();
        assertThat(hello)
                .extracting(f -> f.get("type").asString())
                .containsExactly("authenticated", "subscribed", "state");
        assertThat(hello.get(1).get("request_id").asString()).isEqualTo("a");
    }

    @Test
    void aChannelTheCallerMayNotWatchOrAUrlThatNamesNoneIsRefused() throws Exception {
        when(session.getUri()).thenReturn(URI.create("ws://h/v1/ws/rooms/closed?token=t"));
        when(identity.authenticate("t")).thenReturn(principal("0xA11ce", Duration.ofHours(1)));
        handler.afterConnectionEstablished(session);
        List<JsonNode> refused = frames();
        assertThat(refused).extracting(f -> f.get("type").asString()).containsExactly("authenticated", "error");
        assertThat(refused.get(1).get("data").get("code").asString()).isEqualTo("NOT_FOUND");
        verify(session).close(CloseStatus.POLICY_VIOLATION);
        channels.publish("room:closed", "{\"type\":\"news\"}");
        assertThat(sent).isEmpty();

        WebSocketSession other = mock(WebSocketSession.class);
        when(other.getId()).thenReturn("s2");
        when(other.isOpen()).thenReturn(true);
        doAnswer(i -> sent.add(((TextMessage) i.getArgument(0)).getPayload()))
                .when(other)
                .sendMessage(any());
        when(other.getUri()).thenReturn(URI.create("ws://h/v1/ws/planets/1?token=t"));
        handler.afterConnectionEstablished(other);
        JsonNode unknown = only();
        assertThat(unknown.get("data").get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(unknown.get("data").get("message").asString())
                .contains("room")
                .contains("conversation");
        verify(other).close(CloseStatus.POLICY_VIOLATION);
        verify(identity).authenticate("t"); // the first connection only: a URL naming no channel is refused before
    }

    @Test
    void subscribingOverTheSharedSocketAlsoSendsWhereTheChannelStands() throws Exception {
        when(session.getUri()).thenReturn(URI.create("ws://h/v1/ws?token=t"));
        when(identity.authenticate("t")).thenReturn(principal("0xA11ce", Duration.ofHours(1)));
        handler.afterConnectionEstablished(session);
        frames();
        text("{\"type\":\"subscribe\",\"channel\":\"room:open-3\"}");
        assertThat(frames()).extracting(f -> f.get("type").asString()).containsExactly("subscribed", "state");
    }

    @Test
    void theChannelPartOfTheUrlIsWhatFollowsV1Ws() {
        assertThat(ChatSocketHandler.channelPath(URI.create("ws://h/v1/ws"))).isNull();
        assertThat(ChatSocketHandler.channelPath(URI.create("ws://h/v1/ws/"))).isNull();
        assertThat(ChatSocketHandler.channelPath(URI.create("ws://h/v1/ws/deployments/x?token=t")))
                .isEqualTo("deployments/x");
        assertThat(ChatSocketHandler.channelPath(URI.create("ws://h/app/v1/ws/rooms/1")))
                .isEqualTo("rooms/1");
    }
}
