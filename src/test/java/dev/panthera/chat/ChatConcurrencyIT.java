package dev.panthera.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.chat.ChatHttp.Agent;
import dev.panthera.chat.ChatHttp.Sse;
import dev.panthera.llm.FakeOpenAi;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Many conversations at once lose no message: {@value #CONVERSATIONS} conversations run in
 * parallel, each sending {@value #MESSAGES} messages one after the other, JSON and SSE mixed, from
 * several wallets, half of them with agents on a scripted OpenAI-compatible upstream (an echo that
 * streams word by word, so many streams are open together) and half on the offline responder.
 * Afterwards every conversation holds exactly what was sent and received, in order, and the
 * database holds no more and no less.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatConcurrencyIT {

    static final String C = "conc" + Long.toString(System.nanoTime() % 1_000_000, 36);
    static final String MODEL = "fake-chat";
    static final int CONVERSATIONS = 50;
    static final int MESSAGES = 3;
    static final int WALLETS = 5;

    static final FakeOpenAi UPSTREAM = FakeOpenAi.started();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
        TestEnvironment.upstreamProvider(registry, UPSTREAM::baseUrl, MODEL);
        registry.add("panthera.llm.providers.upstream.timeout", () -> "20s");
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** One conversation as its client saw it: what it sent and what came back, in order. */
    record Transcript(Agent agent, boolean upstream, String conversationId, List<String> sent, List<String> received) {}

    @Test
    void concurrentConversationsLoseNoMessage() throws Exception {
        ChatHttp http = new ChatHttp(port, C);
        List<Agent> agents = new ArrayList<>();
        for (int w = 0; w < WALLETS; w++) {
            String bearer = http.newWallet();
            agents.add(http.mint(bearer, Integer.toString(2 * w + 1), MODEL));
            agents.add(http.mint(bearer, Integer.toString(2 * w + 2), null));
        }
        UPSTREAM.answer(FakeOpenAi.echo(Duration.ofMillis(5)));
        Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

        List<Future<Transcript>> running = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CONVERSATIONS; i++) {
                int n = i;
                Agent agent = agents.get(i % agents.size());
                boolean upstream = i % agents.size() % 2 == 0;
                running.add(clients.submit(() -> {
                    go.await();
                    return converse(http, n, agent, upstream, statuses);
                }));
            }
            go.countDown();
        }
        List<Transcript> transcripts = new ArrayList<>();
        for (Future<Transcript> f : running) {
            transcripts.add(f.get(0, TimeUnit.SECONDS));
        }

        assertThat(statuses).hasSize(CONVERSATIONS * MESSAGES).containsOnly(200);
        long upstreamConversations =
                transcripts.stream().filter(Transcript::upstream).count();
        assertThat(UPSTREAM.requests.get())
                .as("each upstream message asked once: no retry, no duplicate")
                .isEqualTo((int) upstreamConversations * MESSAGES);
        assertThat(UPSTREAM.mostAtOnce.get())
                .as("the upstream answered several conversations at once")
                .isGreaterThan(1);

        for (Transcript t : transcripts) {
            JsonNode history = http.history(t.agent(), t.conversationId());
            assertThat(history.get("message_count").asInt()).isEqualTo(2 * MESSAGES);
            JsonNode newestFirst = history.get("messages");
            assertThat(newestFirst).hasSize(2 * MESSAGES);
            for (int k = 0; k < MESSAGES; k++) {
                JsonNode user = newestFirst.get(2 * MESSAGES - 1 - 2 * k);
                JsonNode assistant = newestFirst.get(2 * MESSAGES - 2 - 2 * k);
                assertThat(user.get("role").asString()).isEqualTo("user");
                assertThat(user.get("content").asString()).isEqualTo(t.sent().get(k));
                assertThat(assistant.get("role").asString()).isEqualTo("assistant");
                assertThat(assistant.get("content").asString())
                        .isEqualTo(t.received().get(k));
                if (t.upstream()) {
                    assertThat(t.received().get(k))
                            .isEqualTo("echo: " + t.sent().get(k));
                } else {
                    assertThat(t.received().get(k)).contains(t.sent().get(k));
                }
            }
        }
        assertThat(transcripts.stream().map(Transcript::conversationId).distinct())
                .hasSize(CONVERSATIONS);
        int expected = CONVERSATIONS * MESSAGES * 2;
        assertThat(count("select count(*) from chat_messages m join conversations c using (conversation_id)"
                        + " where c.collection = ?"))
                .as("rows stored = messages sent + replies received")
                .isEqualTo(expected);
        assertThat(count("select coalesce(sum(message_count), 0) from conversations where collection = ?"))
                .isEqualTo(expected);
        assertThat(count("select count(*) from conversations where collection = ?"))
                .isEqualTo(CONVERSATIONS);
    }

    /** Sends the messages of conversation {@code n} one after the other, alternating JSON and SSE. */
    static Transcript converse(ChatHttp http, int n, Agent agent, boolean upstream, Queue<Integer> statuses) {
        String conversationId = null;
        List<String> sent = new ArrayList<>();
        List<String> received = new ArrayList<>();
        for (int k = 0; k < MESSAGES; k++) {
            String message = "conversation " + n + " message " + k + " " + UUID.randomUUID();
            String id;
            String reply;
            if ((n + k) % 2 == 1) {
                Sse sse = http.chatStream(agent, message, conversationId);
                statuses.add(sse.status());
                assertThat(sse.status()).as(sse.raw()).isEqualTo(200);
                assertThat(sse.last().name()).as(sse.raw()).isEqualTo("done");
                reply = String.join("", sse.tokens());
                id = sse.last().json().get("conversation_id").asString();
            } else {
                Response r = http.chat(agent, message, conversationId);
                statuses.add(r.status());
                assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
                reply = r.text("response");
                id = r.text("conversation_id");
            }
            if (conversationId != null) {
                assertThat(id).isEqualTo(conversationId);
            }
            conversationId = id;
            sent.add(message);
            received.add(reply);
        }
        return new Transcript(agent, upstream, conversationId, sent, received);
    }

    long count(String sql) {
        return jdbc.sql(sql).param(C).query(Long.class).single();
    }
}
