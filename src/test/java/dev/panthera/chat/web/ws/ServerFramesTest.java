package dev.panthera.chat.web.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.chat.ChatService.ChatReply;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The limits a WebSocket client gets where an HTTP one gets headers. */
class ServerFramesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final ServerFrames frames = new ServerFrames(JSON);
    final UUID conversation = UUID.randomUUID();

    @Test
    void aReplyCarriesTheCallersLimitsAsItsHeadersWouldBe() {
        ChatReply reply = new ChatReply(
                "Hi",
                conversation,
                Instant.parse("2026-01-01T00:00:00Z"),
                7,
                "offline",
                Map.of(
                        "X-RateLimit-Remaining-Requests", "59",
                        "X-RateLimit-Reset-Tokens", "12",
                        "X-Budget-Remaining", "900",
                        "Cache-Control", "no-store"));

        JsonNode data = JSON.readTree(frames.reply("r1", reply)).get("data");

        assertThat(data.get("limits").properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder(
                        "x-ratelimit-remaining-requests", "x-ratelimit-reset-tokens", "x-budget-remaining");
        assertThat(data.get("limits").get("x-ratelimit-remaining-requests").asString())
                .isEqualTo("59");
        assertThat(data.get("limits").get("x-budget-remaining").asString()).isEqualTo("900");
    }

    @Test
    void aReplyWithoutLimitsHasNoLimitsObject() {
        ChatReply reply = new ChatReply("Hi", conversation, Instant.EPOCH, 1, "offline", Map.of());

        assertThat(JSON.readTree(frames.reply("r1", reply)).get("data").has("limits"))
                .isFalse();
    }

    @Test
    void aRefusalSaysWhenToRetryAndWhatIsLeft() {
        PantheraException limited = new PantheraException(
                ProblemCode.RATE_LIMITED,
                "too many requests",
                Map.of("Retry-After", "30", "X-RateLimit-Remaining-Requests", "0"));

        JsonNode data = JSON.readTree(frames.error(limited, conversation, "r2")).get("data");

        assertThat(data.get("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(data.get("status").asInt()).isEqualTo(429);
        assertThat(data.get("retry_after").asString()).isEqualTo("30");
        assertThat(data.get("limits").get("x-ratelimit-remaining-requests").asString())
                .isEqualTo("0");
        assertThat(data.get("limits").has("retry-after")).isFalse();
    }
}
