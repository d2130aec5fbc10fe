package dev.panthera.chat;

import static dev.panthera.llm.FakeOpenAi.breakAfter;
import static dev.panthera.llm.FakeOpenAi.drip;
import static dev.panthera.llm.FakeOpenAi.firstTokenAfter;
import static dev.panthera.llm.FakeOpenAi.reply;
import static dev.panthera.llm.FakeOpenAi.silent;
import static dev.panthera.llm.FakeOpenAi.slow;
import static dev.panthera.llm.FakeOpenAi.stall;
import static dev.panthera.llm.FakeOpenAi.status;
import static dev.panthera.llm.FakeOpenAi.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.chat.ChatHttp.Agent;
import dev.panthera.chat.ChatHttp.Sse;
import dev.panthera.llm.FakeOpenAi;
import dev.panthera.shared.ProblemCode;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat through the real HTTP API against a scripted OpenAI-compatible upstream ({@link FakeOpenAi}):
 * slow first tokens, timeouts, 429 and 5xx answers, connections dropped mid-stream, huge answers,
 * the circuit breaker and clients that leave. Each scenario checks what the client sees (status,
 * problem code, SSE events), how often the upstream was asked, and what was stored.
 *
 * <p>The breaker opens after {@value #BREAKER_FAILURES} failed attempts in a row, two whole failed
 * calls: every test that fails calls ends with a successful one, so no test opens it for the next.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatUpstreamIT {

    /** A collection of this run's own: the database may hold earlier runs' tokens. */
    static final String C = "ups" + Long.toString(System.nanoTime() % 1_000_000, 36);

    static final String MODEL = "fake-chat";
    /** Long enough that a busy machine does not time out a healthy answer; every timeout scenario waits it out. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    static final int MAX_RETRIES = 2;
    static final int ATTEMPTS = MAX_RETRIES + 1;
    static final int BREAKER_FAILURES = 6;
    static final Duration BREAKER_OPEN_FOR = Duration.ofSeconds(2);

    static final FakeOpenAi UPSTREAM = FakeOpenAi.started();
    static final AtomicInteger TOKEN_IDS = new AtomicInteger();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
        TestEnvironment.upstreamProvider(registry, UPSTREAM::baseUrl, MODEL);
        registry.add("panthera.llm.default-provider", () -> "upstream");
        registry.add("panthera.llm.providers.upstream.api-key", () -> "sk-upstream-test");
        registry.add("panthera.llm.providers.upstream.timeout", () -> TIMEOUT.toMillis() + "ms");
        registry.add("panthera.llm.max-retries", () -> MAX_RETRIES);
        registry.add("panthera.llm.retry-backoff", () -> "50ms");
        registry.add("panthera.llm.breaker-failures", () -> BREAKER_FAILURES);
        registry.add("panthera.llm.breaker-open-for", () -> BREAKER_OPEN_FOR.toMillis() + "ms");
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @LocalServerPort
    int port;

    ChatHttp http;

    @BeforeEach
    void setUp() {
        http = new ChatHttp(port, C);
        UPSTREAM.reset();
    }

    Agent agent() {
        return http.mint(http.newWallet(), Integer.toString(TOKEN_IDS.incrementAndGet()), MODEL);
    }

    /** The attempts the upstream saw since the last {@link FakeOpenAi#reset}. */
    static int attempts() {
        return UPSTREAM.requests.get();
    }

    /** Starts a conversation with one good exchange and returns its id. */
    String conversation(Agent agent) {
        UPSTREAM.reset().answer(reply("Hello there", 5, 2));
        Response first = http.chat(agent, "Hello", null);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        return first.text("conversation_id");
    }

    /** A good exchange in the conversation: its room was given back, and the breaker's run of failures ends. */
    void stillWorks(Agent agent, String conversationId, int storedBefore) {
        UPSTREAM.reset().answer(reply("Back again", 3, 2));
        Response later = http.chat(agent, "Are you there?", conversationId);
        assertThat(later.status()).as(later.raw().body()).isEqualTo(200);
        assertThat(later.text("response")).isEqualTo("Back again");
        assertStored(agent, conversationId, storedBefore + 2);
    }

    /** The conversation holds exactly {@code count} messages, and says so. */
    JsonNode assertStored(Agent agent, String conversationId, int count) {
        JsonNode history = http.history(agent, conversationId);
        assertThat(history.get("messages")).as(history.toString()).hasSize(count);
        assertThat(history.get("message_count").asInt()).isEqualTo(count);
        return history;
    }

    static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.code()).as(r.raw().body()).isEqualTo(code);
    }

    /**
     * A stream that failed. Before any token it is a plain problem response with the error's status
     * (the SSE response is not committed yet, so clients see a real 429/503); after tokens it is a
     * 200 with the tokens so far, then one error event. Returns the problem.
     */
    static JsonNode assertStreamError(Sse sse, List<String> tokens, String code) {
        if (tokens.isEmpty()) {
            assertThat(sse.status())
                    .as(sse.raw())
                    .isEqualTo(ProblemCode.valueOf(code).status());
            assertThat(sse.contentType()).startsWith("application/problem+json");
            JsonNode problem = JsonMapper.builder().build().readTree(sse.raw());
            assertThat(problem.get("code").asString()).isEqualTo(code);
            return problem;
        }
        assertThat(sse.status()).as(sse.raw()).isEqualTo(200);
        assertThat(sse.tokens()).as(sse.raw()).isEqualTo(tokens);
        assertThat(sse.last().name()).as(sse.raw()).isEqualTo("error");
        assertThat(sse.names().stream().filter("error"::equals)).hasSize(1);
        assertThat(sse.names()).doesNotContain("done");
        JsonNode problem = sse.last().json();
        assertThat(problem.get("code").asString()).isEqualTo(code);
        return problem;
    }

    static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    // ------------------------------------------------------------------------------ 1. slow first token

    @Test
    void aSlowFirstTokenWithinTheTimeoutIsServedAndStored() {
        Agent agent = agent();
        UPSTREAM.answer(slow(TIMEOUT.dividedBy(4), reply("Worth the wait", 11, 3)));
        Response json = http.chat(agent, "Take your time", null);
        assertThat(json.status()).as(json.raw().body()).isEqualTo(200);
        assertThat(json.text("response")).isEqualTo("Worth the wait");
        assertThat(json.body().get("tokens_used").asInt())
                .as("the upstream's usage")
                .isEqualTo(14);
        assertThat(attempts()).isEqualTo(1);
        String conversation = json.text("conversation_id");
        JsonNode stored = assertStored(agent, conversation, 2).get("messages");
        assertThat(stored.get(0).get("content").asString()).isEqualTo("Worth the wait");
        assertThat(stored.get(0).get("tokens_in").asInt()).isEqualTo(11);
        assertThat(stored.get(0).get("tokens_out").asInt()).isEqualTo(3);
        assertThat(stored.get(1).get("content").asString()).isEqualTo("Take your time");

        // headers at once, then a first token well after them (but within the idle timeout)
        UPSTREAM.reset().answer(firstTokenAfter(TIMEOUT.dividedBy(2), List.of("Slow", " but", " sure")));
        Sse sse = http.chatStream(agent, "And streamed?", conversation);
        assertThat(sse.status()).as(sse.raw()).isEqualTo(200);
        assertThat(sse.tokens()).containsExactly("Slow", " but", " sure");
        assertThat(sse.last().name()).as(sse.raw()).isEqualTo("done");
        assertThat(sse.last().json().get("tokens_used").asInt()).isEqualTo(9 + 3);
        assertThat(attempts()).isEqualTo(1);
        assertThat(assertStored(agent, conversation, 4)
                        .get("messages")
                        .get(0)
                        .get("content")
                        .asString())
                .isEqualTo("Slow but sure");

        // slow to its headers, streamed
        UPSTREAM.reset().answer(slow(TIMEOUT.dividedBy(4), stream(List.of("Late", " start"), Duration.ZERO)));
        Sse late = http.chatStream(agent, "Once more", conversation);
        assertThat(late.tokens()).as(late.raw()).containsExactly("Late", " start");
        assertThat(late.last().name()).isEqualTo("done");
        assertStored(agent, conversation, 6);
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsRetriedThenUnavailableAndNothingIsStored() {
        Agent agent = agent();
        String conversation = conversation(agent);

        UPSTREAM.reset().answer(slow(TIMEOUT.multipliedBy(3), reply("too late", 1, 1)));
        Response timedOut = http.chat(agent, "Hurry up", conversation);
        assertProblem(timedOut, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(timedOut.text("detail")).contains("timed out").doesNotContain("Hurry up");
        assertThat(attempts()).as("one attempt and %d retries", MAX_RETRIES).isEqualTo(ATTEMPTS);
        assertStored(agent, conversation, 2);
        stillWorks(agent, conversation, 2);

        // streamed, in a new conversation: the error event, and the conversation is not kept
        UPSTREAM.reset().answer(slow(TIMEOUT.multipliedBy(3), stream(List.of("too", " late"), Duration.ZERO)));
        Sse sse = http.chatStream(agent, "Hurry up, streamed", null);
        JsonNode problem = assertStreamError(sse, List.of(), "UPSTREAM_UNAVAILABLE");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(attempts()).isEqualTo(ATTEMPTS);
        assertThat(http.conversations(agent).findValuesAsString("conversation_id"))
                .containsExactly(conversation);
        stillWorks(agent, conversation, 4);
    }

    // ------------------------------------------------------------------------------ 2. mid-stream failure

    @Test
    void aConnectionDroppedMidStreamEndsWithAnErrorEventIsNotRetriedAndStoresNothing() {
        Agent agent = agent();
        String conversation = conversation(agent);

        UPSTREAM.reset().answer(breakAfter(List.of("Hel", "lo")), stream(List.of("never"), Duration.ZERO));
        Sse sse = http.chatStream(agent, "Tell me a story", conversation);
        assertStreamError(sse, List.of("Hel", "lo"), "UPSTREAM_UNAVAILABLE");
        assertThat(attempts())
                .as("the client already has part of an answer: no retry")
                .isEqualTo(1);
        assertStored(agent, conversation, 2);

        UPSTREAM.reset().answer(breakAfter(List.of("Hel", "lo")), stream(List.of("never"), Duration.ZERO));
        Sse fresh = http.chatStream(agent, "A new story", null);
        assertStreamError(fresh, List.of("Hel", "lo"), "UPSTREAM_UNAVAILABLE");
        assertThat(attempts()).isEqualTo(1);
        assertThat(http.conversations(agent).findValuesAsString("conversation_id"))
                .containsExactly(conversation);
        stillWorks(agent, conversation, 2);

        // the OpenAI-compatible stream: the chunks so far, then an error object and no [DONE]
        UPSTREAM.reset().answer(breakAfter(List.of("Hel", "lo")), stream(List.of("never"), Duration.ZERO));
        Sse openAi = http.completeStream(agent, "A story over the OpenAI API");
        assertThat(openAi.status()).as(openAi.raw()).isEqualTo(200);
        assertThat(openAi.raw()).doesNotContain("[DONE]");
        StringBuilder content = new StringBuilder();
        for (ChatHttp.Event e : openAi.events().subList(0, openAi.events().size() - 1)) {
            JsonNode delta = e.json().get("choices").get(0).get("delta");
            content.append(delta.path("content").asString(""));
        }
        assertThat(content.toString()).isEqualTo("Hello");
        assertThat(openAi.last().json().get("error").get("code").asString()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(attempts()).isEqualTo(1);

        // a whole (non-streamed) answer cut short reached no client yet: retried, and stored once
        UPSTREAM.reset().answer(breakAfter(List.of("Hel", "lo")), reply("Hello, whole", 4, 2));
        Response json = http.chat(agent, "Not streamed", conversation);
        assertThat(json.status()).as(json.raw().body()).isEqualTo(200);
        assertThat(json.text("response")).isEqualTo("Hello, whole");
        assertThat(attempts()).isEqualTo(2);
        assertStored(agent, conversation, 6);
    }

    // ------------------------------------------------------------------------------ 3. 429

    @Test
    void anUpstream429IsRateLimitedWithItsRetryAfterAndNotRetried() {
        Agent agent = agent();

        UPSTREAM.answer(status(429, Map.of("Retry-After", "7")));
        Response limited = http.chat(agent, "Quick question", null);
        assertProblem(limited, 429, "RATE_LIMITED");
        assertThat(limited.header("Retry-After")).isEqualTo("7");
        assertThat(attempts()).as("a 429 is not retried").isEqualTo(1);
        assertThat(http.conversations(agent)).as("nothing stored").isEmpty();

        // Retry-After as an HTTP-date is passed on as seconds from now
        String inThirtySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
        UPSTREAM.reset().answer(status(429, Map.of("Retry-After", inThirtySeconds)));
        Response dated = http.chat(agent, "Quick question", null);
        assertProblem(dated, 429, "RATE_LIMITED");
        assertThat(dated.header("Retry-After")).as("from " + inThirtySeconds).isNotNull();
        assertThat(Long.parseLong(dated.header("Retry-After"))).isBetween(25L, 31L);
        assertThat(attempts()).isEqualTo(1);

        // the OpenAI-compatible route: the same header, and an OpenAI rate_limit_error
        UPSTREAM.reset().answer(status(429, Map.of("Retry-After", "7")));
        Response openAi = http.complete(agent, "Quick question");
        assertProblem(openAi, 429, "RATE_LIMITED");
        assertThat(openAi.header("Retry-After")).isEqualTo("7");
        assertThat(openAi.body().get("error").get("type").asString()).isEqualTo("rate_limit_error");
        assertThat(attempts()).isEqualTo(1);

        // streamed: refused before any token, so a real 429 with Retry-After that SDKs act on
        UPSTREAM.reset().answer(status(429, Map.of("Retry-After", "7")));
        Sse sse = http.chatStream(agent, "Quick question", null);
        assertThat(assertStreamError(sse, List.of(), "RATE_LIMITED")
                        .get("status")
                        .asInt())
                .isEqualTo(429);
        assertThat(sse.retryAfter()).isEqualTo("7");
        UPSTREAM.reset().answer(status(429, Map.of("Retry-After", "7")));
        Sse openAiStream = http.completeStream(agent, "Quick question");
        assertThat(openAiStream.status()).isEqualTo(429);
        assertThat(openAiStream.retryAfter()).isEqualTo("7");
        assertThat(openAiStream.raw()).contains("rate_limit_error");
        assertThat(attempts()).isEqualTo(1);
        assertThat(http.conversations(agent)).isEmpty();
    }

    // ------------------------------------------------------------------------------ 4. 500

    @Test
    void upstream5xxIsRetriedUpToMaxRetriesThenUnavailable() {
        Agent agent = agent();

        UPSTREAM.answer(status(500, Map.of()));
        Response failed = http.chat(agent, "Anyone home?", null);
        assertProblem(failed, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(failed.text("detail")).contains("HTTP 500");
        assertThat(attempts()).isEqualTo(ATTEMPTS);
        assertThat(http.conversations(agent)).isEmpty();

        // 500 then 200: the retry answers, and the exchange is stored once
        UPSTREAM.reset().answer(status(500, Map.of()), reply("Second time lucky", 4, 3));
        Response lucky = http.chat(agent, "Anyone home?", null);
        assertThat(lucky.status()).as(lucky.raw().body()).isEqualTo(200);
        assertThat(lucky.text("response")).isEqualTo("Second time lucky");
        assertThat(attempts()).isEqualTo(2);
        String conversation = lucky.text("conversation_id");
        JsonNode stored = assertStored(agent, conversation, 2).get("messages");
        assertThat(stored.findValuesAsString("role")).containsExactly("assistant", "user");
        assertThat(stored.get(0).get("content").asString()).isEqualTo("Second time lucky");
        assertThat(http.history(agent, conversation).get("token_count").asLong())
                .isEqualTo(7);

        // streamed: 502, 503, then the answer; its tokens arrive once
        UPSTREAM.reset()
                .answer(status(502, Map.of()), status(503, Map.of()), stream(List.of("Third", " time"), Duration.ZERO));
        Sse sse = http.chatStream(agent, "Stream it", conversation);
        assertThat(sse.tokens()).as(sse.raw()).containsExactly("Third", " time");
        assertThat(sse.last().name()).isEqualTo("done");
        assertThat(attempts()).isEqualTo(3);
        assertStored(agent, conversation, 4);

        // the OpenAI-compatible route: 503 with an OpenAI api_error
        UPSTREAM.reset().answer(status(500, Map.of()));
        Response openAi = http.complete(agent, "Anyone home?");
        assertProblem(openAi, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(openAi.body().get("error").get("type").asString()).isEqualTo("api_error");
        assertThat(attempts()).isEqualTo(ATTEMPTS);
        stillWorks(agent, conversation, 4);
    }

    // ------------------------------------------------------------------------------ 5. timeout

    @Test
    void anUpstreamThatNeverAnswersIsUnavailableWithinTheTimeoutsAndTheClientIsNotLeftHanging() {
        Agent agent = agent();
        String conversation = conversation(agent);
        // every attempt waits out the timeout; backoff 50 + 100 ms; the rest is slack for a slow machine
        long atLeast = TIMEOUT.multipliedBy(ATTEMPTS).toMillis();
        long atMost = atLeast + 6000;

        UPSTREAM.reset().answer(silent(Duration.ofSeconds(30)));
        long start = System.nanoTime();
        Response json = http.chat(agent, "Hello?", conversation);
        long took = millisSince(start);
        assertProblem(json, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(took).isBetween(atLeast, atMost);
        assertThat(attempts()).isEqualTo(ATTEMPTS);
        assertStored(agent, conversation, 2);
        stillWorks(agent, conversation, 2);

        UPSTREAM.reset().answer(silent(Duration.ofSeconds(30)));
        start = System.nanoTime();
        Sse sse = http.chatStream(agent, "Hello, streamed?", conversation);
        took = millisSince(start);
        assertStreamError(sse, List.of(), "UPSTREAM_UNAVAILABLE");
        assertThat(took).isBetween(atLeast, atMost);
        assertThat(attempts()).isEqualTo(ATTEMPTS);
        stillWorks(agent, conversation, 4);

        // the headers come, then nothing: a whole answer is bounded by the timeout too
        UPSTREAM.reset().answer(stall(List.of(), Duration.ofSeconds(30)));
        start = System.nanoTime();
        Response stalled = http.chat(agent, "Hello after the headers?", conversation);
        took = millisSince(start);
        assertProblem(stalled, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(took).isBetween(atLeast, atMost);
        assertThat(attempts()).isEqualTo(ATTEMPTS);
        stillWorks(agent, conversation, 6);

        UPSTREAM.reset().answer(stall(List.of(), Duration.ofSeconds(30)));
        start = System.nanoTime();
        Sse stalledStream = http.chatStream(agent, "Hello after the headers, streamed?", conversation);
        took = millisSince(start);
        assertStreamError(stalledStream, List.of(), "UPSTREAM_UNAVAILABLE");
        assertThat(took).isBetween(atLeast, atMost);
        assertThat(attempts()).isEqualTo(ATTEMPTS);
        stillWorks(agent, conversation, 8);
    }

    // ------------------------------------------------------------------------------ 6. huge output

    @Test
    void aHugeAnswerIsStreamedCompletelyAndStoredIntact() throws Exception {
        Agent agent = agent();
        List<String> chunks = new ArrayList<>();
        String filler = " Panthera streams ü, 漢字 and 🐆 intact;".repeat(6);
        for (int i = 0; i < 10_000; i++) {
            chunks.add(String.format(" %05d", i) + filler);
        }
        String whole = String.join("", chunks);
        assertThat(whole.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2_000_000);

        UPSTREAM.answer(stream(chunks, Duration.ZERO));
        Sse sse = http.chatStream(agent, "Say a lot", null);
        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.last().name()).isEqualTo("done");
        List<String> tokens = sse.tokens();
        assertThat(tokens).hasSize(chunks.size());
        assertThat(sha256(String.join("", tokens))).isEqualTo(sha256(whole));
        JsonNode done = sse.last().json();
        assertThat(done.get("tokens_used").asInt()).as("the upstream's usage").isEqualTo(9 + chunks.size());
        assertThat(attempts()).isEqualTo(1);
        String conversation = done.get("conversation_id").asString();
        JsonNode history = assertStored(agent, conversation, 2);
        JsonNode reply = history.get("messages").get(0);
        assertThat(reply.get("content").asString()).hasSameSizeAs(whole);
        assertThat(sha256(reply.get("content").asString())).isEqualTo(sha256(whole));
        assertThat(reply.get("tokens_in").asInt()).isEqualTo(9);
        assertThat(reply.get("tokens_out").asInt()).isEqualTo(chunks.size());
        assertThat(history.get("token_count").asLong()).isEqualTo(9 + chunks.size());

        // the same as one JSON answer
        UPSTREAM.reset().answer(reply(whole, 123, 45_678));
        Response json = http.chat(agent, "Say it all at once", conversation);
        assertThat(json.status()).isEqualTo(200);
        assertThat(sha256(json.text("response"))).isEqualTo(sha256(whole));
        assertThat(json.body().get("tokens_used").asInt()).isEqualTo(123 + 45_678);
        JsonNode again = assertStored(agent, conversation, 4).get("messages").get(0);
        assertThat(sha256(again.get("content").asString())).isEqualTo(sha256(whole));
        assertThat(again.get("tokens_out").asInt()).isEqualTo(45_678);
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------------------ 7. circuit breaker

    @Test
    void afterBreakerFailuresInARowTheNextCallFailsFastWithoutTouchingTheUpstream() throws Exception {
        Agent agent = agent();
        String conversation = conversation(agent);

        UPSTREAM.reset().answer(status(500, Map.of()));
        for (int call = 0; call < BREAKER_FAILURES / ATTEMPTS; call++) {
            assertProblem(http.chat(agent, "Failing " + call, conversation), 503, "UPSTREAM_UNAVAILABLE");
        }
        assertThat(attempts()).isEqualTo(BREAKER_FAILURES);

        // open: JSON, SSE and the OpenAI route fail at once, and the upstream hears nothing
        UPSTREAM.answer(FakeOpenAi.echo(Duration.ZERO));
        Response fast = http.chat(agent, "Open?", conversation);
        assertProblem(fast, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(fast.text("detail")).contains("try again later");
        assertStreamError(http.chatStream(agent, "Open, streamed?", conversation), List.of(), "UPSTREAM_UNAVAILABLE");
        assertProblem(http.complete(agent, "Open, OpenAI?"), 503, "UPSTREAM_UNAVAILABLE");
        assertThat(attempts())
                .as("the open breaker keeps calls off the upstream")
                .isEqualTo(BREAKER_FAILURES);
        assertStored(agent, conversation, 2);

        // after breaker-open-for one trial call goes through, and its success closes the breaker
        Response trial = awaitStatus(200, () -> http.chat(agent, "Better now?", conversation));
        assertThat(trial.text("response")).isEqualTo("echo: Better now?");
        assertThat(attempts()).isEqualTo(BREAKER_FAILURES + 1);
        assertStored(agent, conversation, 4);
        Sse sse = http.chatStream(agent, "And streamed?", conversation);
        assertThat(sse.last().name()).as(sse.raw()).isEqualTo("done");
        assertThat(String.join("", sse.tokens())).isEqualTo("echo: And streamed?");
        assertThat(attempts()).isEqualTo(BREAKER_FAILURES + 2);
        assertStored(agent, conversation, 6);
    }

    /** Calls until the status comes, for at most three times breaker-open-for. */
    static Response awaitStatus(int status, Supplier<Response> call) throws InterruptedException {
        long deadline = System.nanoTime() + BREAKER_OPEN_FOR.multipliedBy(3).toNanos();
        Response r = call.get();
        while (r.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = call.get();
        }
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        return r;
    }

    // ------------------------------------------------------------------------------ 8. client leaves

    @Test
    void aClientThatLeavesMidStreamCancelsTheUpstreamRequestAndNothingIsStored() throws Exception {
        Agent agent = agent();
        String conversation = conversation(agent);

        CompletableFuture<IOException> cutOff = new CompletableFuture<>();
        UPSTREAM.reset().answer(drip(" drip", Duration.ofMillis(20), cutOff));
        readFirstEventAndLeave(http.openChatStream(agent, "Talk forever", conversation), "event: token");
        assertThat(cutOff.get(10, TimeUnit.SECONDS))
                .as("the upstream sees its connection closed")
                .isNotNull();
        assertThat(attempts()).isEqualTo(1);
        awaitStored(agent, conversation, 2);
        stillWorks(agent, conversation, 2);

        CompletableFuture<IOException> freshCutOff = new CompletableFuture<>();
        UPSTREAM.reset().answer(drip(" drip", Duration.ofMillis(20), freshCutOff));
        readFirstEventAndLeave(http.openChatStream(agent, "Talk forever, anew", null), "event: token");
        assertThat(freshCutOff.get(10, TimeUnit.SECONDS)).isNotNull();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (http.conversations(agent).size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(http.conversations(agent).findValuesAsString("conversation_id"))
                .as("the abandoned new conversation is not kept")
                .containsExactly(conversation);

        CompletableFuture<IOException> openAiCutOff = new CompletableFuture<>();
        UPSTREAM.reset().answer(drip(" drip", Duration.ofMillis(20), openAiCutOff));
        readFirstEventAndLeave(http.openCompletionStream(agent, "Talk forever over the OpenAI API"), "data: {");
        assertThat(openAiCutOff.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(attempts()).isEqualTo(1);
        stillWorks(agent, conversation, 4);
    }

    static void readFirstEventAndLeave(HttpResponse<InputStream> response, String marker) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder seen = new StringBuilder();
        try (InputStream in = response.body()) {
            while (!seen.toString().contains(marker)) {
                int b = in.read();
                assertThat(b).as("the stream ended early: " + seen).isNotEqualTo(-1);
                seen.append((char) b);
            }
        }
    }

    /** Waits (up to 5 s) for the abandoned exchange to give its room back, then checks what is stored. */
    void awaitStored(Agent agent, String conversationId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (http.history(agent, conversationId).get("message_count").asInt() != count
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertStored(agent, conversationId, count);
    }
}
