package dev.panthera.llm.internal;

import static dev.panthera.llm.FakeOpenAi.status;
import static dev.panthera.llm.FakeOpenAi.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.FakeOpenAi;
import dev.panthera.llm.ModelMessage;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.RecordingListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streamed calls: order, usage, first-token timeout, failures after the first token, cancellation. */
@Timeout(5)
class GatewayStreamingTest {

    private static final ModelRequest ASK = ModelRequest.of("fake-chat", List.of(ModelMessage.user("tell me a story")));

    private FakeOpenAi upstream;

    @BeforeEach
    void start() throws Exception {
        upstream = FakeOpenAi.start();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void tokensArriveInOrderThenTheCompletionWithUsage() throws Exception {
        upstream.answer(stream(List.of("Once", " upon", " a", " time"), Duration.ZERO));
        RecordingListener listener = new RecordingListener();

        GatewayFixture.gateway(upstream, Map.of()).stream(ASK, listener);

        ChatCompletion completion = listener.completed.get(2, TimeUnit.SECONDS);
        assertThat(listener.tokens).containsExactly("Once", " upon", " a", " time");
        assertThat(completion.content()).isEqualTo("Once upon a time");
        assertThat(completion.provider()).isEqualTo("fake");
        assertThat(completion.inputTokens()).isEqualTo(9);
        assertThat(completion.outputTokens()).isEqualTo(4);
        assertThat(listener.failed).isNotDone();
    }

    @Test
    void failureBeforeTheFirstTokenIsRetried() throws Exception {
        upstream.answer(status(503, Map.of()), stream(List.of("ok"), Duration.ZERO));
        RecordingListener listener = new RecordingListener();

        GatewayFixture.gateway(upstream, Map.of()).stream(ASK, listener);

        assertThat(listener.completed.get(2, TimeUnit.SECONDS).content()).isEqualTo("ok");
        assertThat(upstream.requests).hasValue(2);
    }

    @Test
    void slowFirstTokenTimesOut() throws Exception {
        upstream.answer(FakeOpenAi.slow(Duration.ofSeconds(2), stream(List.of("late"), Duration.ZERO)));
        RecordingListener listener = new RecordingListener();

        GatewayFixture.gateway(
                upstream, Map.of("panthera.llm.providers.fake.timeout", "200ms", "panthera.llm.max-retries", "0"))
                .stream(ASK, listener);

        PantheraException error = listener.failed.get(2, TimeUnit.SECONDS);
        assertThat(error.code()).isEqualTo(ProblemCode.UPSTREAM_UNAVAILABLE);
        assertThat(listener.tokens).isEmpty();
        assertThat(upstream.requests).hasValue(1);
    }

    @Test
    void silenceAfterTheHeadersTimesOutAndIsRetriedWhileNoTokenWasSent() throws Exception {
        upstream.answer(FakeOpenAi.stall(List.of(), Duration.ofSeconds(2)), stream(List.of("ok"), Duration.ZERO));
        RecordingListener listener = new RecordingListener();

        GatewayFixture.gateway(upstream, Map.of("panthera.llm.providers.fake.timeout", "200ms")).stream(ASK, listener);

        assertThat(listener.completed.get(2, TimeUnit.SECONDS).content()).isEqualTo("ok");
        assertThat(upstream.requests).hasValue(2);
    }

    @Test
    void silenceMidStreamTimesOutWithoutRetry() throws Exception {
        upstream.answer(FakeOpenAi.stall(List.of("partial"), Duration.ofSeconds(2)));
        RecordingListener listener = new RecordingListener();

        GatewayFixture.gateway(upstream, Map.of("panthera.llm.providers.fake.timeout", "200ms")).stream(ASK, listener);

        PantheraException error = listener.failed.get(2, TimeUnit.SECONDS);
        assertThat(error.code()).isEqualTo(ProblemCode.UPSTREAM_UNAVAILABLE);
        assertThat(error.getMessage()).contains("timed out");
        assertThat(listener.tokens).containsExactly("partial");
        assertThat(upstream.requests).hasValue(1);
    }

    @Test
    void failureAfterTheFirstTokenReachesTheListenerWithoutRetry() throws Exception {
        upstream.answer(FakeOpenAi.breakAfter(List.of("Hel", "lo")));
        RecordingListener listener = new RecordingListener();

        GatewayFixture.gateway(upstream, Map.of()).stream(ASK, listener);

        PantheraException error = listener.failed.get(2, TimeUnit.SECONDS);
        assertThat(error.code()).isEqualTo(ProblemCode.UPSTREAM_UNAVAILABLE);
        assertThat(listener.tokens).containsExactly("Hel", "lo");
        assertThat(listener.completed).isNotDone();
        assertThat(upstream.requests).as("no retry once tokens were sent").hasValue(1);
    }

    @Test
    void rateLimitedStreamFailsWithRetryAfter() throws Exception {
        upstream.answer(status(429, Map.of("Retry-After", "3")));
        RecordingListener listener = new RecordingListener();

        GatewayFixture.gateway(upstream, Map.of()).stream(ASK, listener);

        PantheraException error = listener.failed.get(2, TimeUnit.SECONDS);
        assertThat(error.code()).isEqualTo(ProblemCode.RATE_LIMITED);
        assertThat(error.headers()).containsEntry("Retry-After", "3");
        assertThat(upstream.requests).hasValue(1);
    }

    @Test
    void cancellingClosesTheUpstreamConnection() throws Exception {
        List<String> endless = java.util.Collections.nCopies(200, " word");
        upstream.answer(stream(endless, Duration.ofMillis(20)));
        RecordingListener listener = new RecordingListener();

        StreamHandle handle = GatewayFixture.gateway(upstream, Map.of()).stream(ASK, listener);
        assertThat(listener.firstToken.await(2, TimeUnit.SECONDS)).isTrue();
        handle.cancel();

        assertThat(upstream.writeFailed.get(2, TimeUnit.SECONDS))
                .as("the upstream sees the connection closed")
                .isNotNull();
        int heard = listener.tokens.size();
        Thread.sleep(100);
        assertThat(handle.isCancelled()).isTrue();
        assertThat(listener.tokens).hasSizeLessThanOrEqualTo(heard).hasSizeLessThan(200);
        assertThat(listener.completed).isNotDone();
        assertThat(listener.failed).isNotDone();
    }
}
