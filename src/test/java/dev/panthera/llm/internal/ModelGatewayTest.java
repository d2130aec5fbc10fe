package dev.panthera.llm.internal;

import static dev.panthera.llm.FakeOpenAi.reply;
import static dev.panthera.llm.FakeOpenAi.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.FakeOpenAi;
import dev.panthera.llm.ModelMessage;
import dev.panthera.llm.ModelRequest;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import dev.panthera.support.TestProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Non-streamed calls: routing, usage, retries, 429 and the circuit breaker. */
@Timeout(5)
class ModelGatewayTest {

    private static final ModelRequest ASK = new ModelRequest(
            "fake-chat", List.of(ModelMessage.system("You are Nyx."), ModelMessage.user("hi")), 0.2, 50);

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
    void completesThroughTheProviderThatServesTheModel() {
        upstream.answer(reply("Hello from upstream", 12, 5));

        ChatCompletion completion = GatewayFixture.gateway(upstream, Map.of()).complete(ASK);

        assertThat(completion.content()).isEqualTo("Hello from upstream");
        assertThat(completion.provider()).isEqualTo("fake");
        assertThat(completion.model()).isEqualTo("fake-chat");
        assertThat(completion.inputTokens()).isEqualTo(12);
        assertThat(completion.outputTokens()).isEqualTo(5);
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(upstream.authorizations).containsExactly("Bearer test-key");
        assertThat(upstream.bodies.getFirst()).contains("You are Nyx.");
        assertThat(upstream.bodies.getFirst().replaceAll("\\s", ""))
                .contains("\"model\":\"fake-chat\"", "\"max_tokens\":50");
    }

    @Test
    void unknownModelGoesToTheDefaultProvider() {
        ChatCompletion completion = GatewayFixture.gateway(upstream, Map.of())
                .complete(ModelRequest.of("gpt-unknown", List.of(ModelMessage.user("hi"))));

        assertThat(completion.provider()).isEqualTo("offline");
        assertThat(completion.metadata()).containsEntry("responder", "offline");
        assertThat(upstream.requests).hasValue(0);
    }

    @Test
    void defaultsBindToTheOfflineProvider() {
        var gateway = new DefaultModelGateway(
                TestProperties.defaults(),
                List.of(new dev.panthera.llm.provider.offline.OfflineChatModelProvider()),
                List.of());

        assertThat(gateway.route("deepseek-chat").provider().name()).isEqualTo("offline");
    }

    @Test
    void serverErrorIsRetriedBeforeAnAnswer() {
        upstream.answer(status(500, Map.of()), reply("second time lucky", 3, 3));

        ChatCompletion completion = GatewayFixture.gateway(upstream, Map.of()).complete(ASK);

        assertThat(completion.content()).isEqualTo("second time lucky");
        assertThat(upstream.requests).hasValue(2);
    }

    @Test
    void rateLimitIsNotRetriedAndPassesRetryAfterOn() {
        upstream.answer(status(429, Map.of("Retry-After", "7")));

        assertThatThrownBy(() -> GatewayFixture.gateway(upstream, Map.of()).complete(ASK))
                .isInstanceOfSatisfying(PantheraException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.RATE_LIMITED);
                    assertThat(e.headers()).containsEntry("Retry-After", "7");
                });
        assertThat(upstream.requests).hasValue(1);
    }

    @Test
    void timeoutIsUpstreamUnavailableAfterAtMostTwoRetries() {
        upstream.answer(FakeOpenAi.slow(Duration.ofSeconds(2), reply("too late", 1, 1)));
        long start = System.nanoTime();

        assertThatThrownBy(
                        () -> GatewayFixture.gateway(upstream, Map.of("panthera.llm.providers.fake.timeout", "150ms"))
                                .complete(ASK))
                .isInstanceOfSatisfying(PantheraException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.UPSTREAM_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("timed out").doesNotContain("Nyx");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(upstream.requests).hasValue(3);
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerAndTheNextCallFailsFast() {
        upstream.answer(status(500, Map.of()));
        var gateway = GatewayFixture.gateway(upstream, Map.of("panthera.llm.breaker-failures", "3"));

        assertThatThrownBy(() -> gateway.complete(ASK))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.UPSTREAM_UNAVAILABLE));
        assertThat(upstream.requests).hasValue(3);

        assertThatThrownBy(() -> gateway.complete(ASK)).isInstanceOfSatisfying(PantheraException.class, e -> {
            assertThat(e.code()).isEqualTo(ProblemCode.UPSTREAM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("try again later");
        });
        assertThat(upstream.requests)
                .as("open breaker: no request reaches the upstream")
                .hasValue(3);
    }

    @Test
    void rejectedRequestIsNotRetried() {
        upstream.answer(status(401, Map.of()));

        assertThatThrownBy(() -> GatewayFixture.gateway(upstream, Map.of()).complete(ASK))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.UPSTREAM_UNAVAILABLE));
        assertThat(upstream.requests).hasValue(1);
    }
}
