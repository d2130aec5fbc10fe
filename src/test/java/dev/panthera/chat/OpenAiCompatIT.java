package dev.panthera.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.OpenAiSdkCheck;
import dev.panthera.support.RunningServerTest;
import dev.panthera.support.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI-compatible routes on the dev chain with the offline model: {@code GET /v1/models} and
 * {@code POST /v1/chat/completions} over raw HTTP (JSON, SSE chunks and [DONE], usage, errors with
 * an OpenAI-style error object), and the official {@code openai} npm package against them ({@code
 * tools/openai-sdk/sdk-check.mjs}; needs Node.js 20+ and npm, and the npm registry on first run).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenAiCompatIT extends RunningServerTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A collection of this run's own: the database may hold earlier runs' tokens. */
    static final String C = "oai" + Long.toString(System.nanoTime() % 1_000_000, 36);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
    }

    Response complete(String bearer, Object body) {
        return api.post("/v1/chat/completions", body, bearer);
    }

    static Map<String, Object> request(String model, String content) {
        return Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", content)));
    }

    record Sse(int status, String contentType, List<String> data, String raw) {}

    Sse stream(String bearer, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        List<String> data = new ArrayList<>();
        for (String frame : response.body().split("\n\n")) {
            for (String line : frame.split("\n")) {
                if (line.startsWith("data:")) {
                    data.add(line.substring(5).strip());
                }
            }
        }
        return new Sse(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                data,
                response.body());
    }

    static void assertOpenAiError(Response r, int status, String code) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.code()).as("problem+json code").isEqualTo(code);
        JsonNode error = r.body().get("error");
        assertThat(error).as("OpenAI-style error object: " + r.raw().body()).isNotNull();
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(error.get("type").asString()).isNotBlank();
        assertThat(error.get("code").asString()).isEqualTo(code);
    }

    @Test
    void openAiClientsTalkToTheAgentsYouHold() throws Exception {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        DevWallet bob = DevWallet.generate(ChainFamily.EVM, null);
        String aliceToken = api.ownerToken(alice, C, "1");
        String bobToken = api.ownerToken(bob, C, "2");
        String model = C + "/1";
        String bobsModel = C + "/2";

        // models: the caller's agents only
        Response models = api.get("/v1/models", aliceToken);
        assertThat(models.status()).as(models.raw().body()).isEqualTo(200);
        assertThat(models.text("object")).isEqualTo("list");
        List<String> ids = models.body().get("data").findValuesAsString("id");
        assertThat(ids).contains(model).doesNotContain(bobsModel);
        JsonNode entry = null;
        for (JsonNode m : models.body().get("data")) {
            if (m.get("id").asString().equals(model)) {
                entry = m;
            }
        }
        assertThat(entry.get("object").asString()).isEqualTo("model");
        assertThat(entry.get("created").isNumber()).isTrue();
        assertThat(entry.get("owned_by").asString()).isEqualToIgnoringCase(alice.address());
        assertThat(api.get("/v1/models", null).status()).isEqualTo(401);

        // a completion: the offline responder echoes the last message; usage is counted
        Response done = complete(
                aliceToken,
                Map.of(
                        "model",
                        model,
                        "messages",
                        List.of(
                                Map.of("role", "system", "content", "Be brief."),
                                Map.of("role", "user", "content", "Hello over the OpenAI API")),
                        "temperature",
                        0.3,
                        "max_tokens",
                        100,
                        "user",
                        "an unknown field is ignored"));
        assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
        assertThat(done.text("id")).startsWith("chatcmpl-");
        assertThat(done.text("object")).isEqualTo("chat.completion");
        assertThat(done.text("model")).isEqualTo(model);
        assertThat(done.body().get("created").asLong()).isPositive();
        JsonNode choice = done.body().get("choices").get(0);
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("message").get("role").asString()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").asString()).contains("Hello over the OpenAI API");
        assertThat(choice.get("finish_reason").asString()).isEqualTo("stop");
        JsonNode usage = done.body().get("usage");
        assertThat(usage.get("prompt_tokens").asInt()).isPositive();
        assertThat(usage.get("completion_tokens").asInt()).isPositive();
        assertThat(usage.get("total_tokens").asInt())
                .isEqualTo(usage.get("prompt_tokens").asInt()
                        + usage.get("completion_tokens").asInt());

        // streamed: chunks, a last chunk with finish_reason, a usage chunk, then [DONE]
        Sse sse = stream(
                aliceToken,
                JSON.writeValueAsString(Map.of(
                        "model",
                        model,
                        "messages",
                        List.of(Map.of("role", "user", "content", "Stream over the OpenAI API")),
                        "stream",
                        true,
                        "stream_options",
                        Map.of("include_usage", true))));
        assertThat(sse.status()).as(sse.raw()).isEqualTo(200);
        assertThat(sse.contentType()).startsWith("text/event-stream");
        assertThat(sse.data()).hasSizeGreaterThan(3);
        assertThat(sse.data().getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String d : sse.data().subList(0, sse.data().size() - 1)) {
            chunks.add(JSON.readTree(d));
        }
        StringBuilder streamed = new StringBuilder();
        String finish = null;
        for (JsonNode c : chunks.subList(0, chunks.size() - 1)) {
            assertThat(c.get("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("model").asString()).isEqualTo(model);
            assertThat(c.get("id").asString())
                    .isEqualTo(chunks.getFirst().get("id").asString());
            JsonNode ch = c.get("choices").get(0);
            JsonNode content = ch.get("delta").get("content");
            if (content != null) {
                streamed.append(content.asString());
            }
            if (!ch.get("finish_reason").isNull()) {
                finish = ch.get("finish_reason").asString();
            }
        }
        assertThat(chunks.getFirst()
                        .get("choices")
                        .get(0)
                        .get("delta")
                        .get("role")
                        .asString())
                .isEqualTo("assistant");
        assertThat(streamed.toString()).contains("Stream over the OpenAI API");
        assertThat(finish).isEqualTo("stop");
        JsonNode usageChunk = chunks.getLast();
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.get("usage").get("total_tokens").asInt()).isPositive();

        // without include_usage there is no usage chunk
        Sse plain = stream(
                aliceToken,
                JSON.writeValueAsString(Map.of(
                        "model", model, "messages", List.of(Map.of("role", "user", "content", "hi")), "stream", true)));
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.data().getLast()).isEqualTo("[DONE]");
        assertThat(plain.raw()).doesNotContain("\"usage\"");

        // errors: problem+json with an OpenAI-style error object
        assertOpenAiError(complete(aliceToken, request(bobsModel, "hi")), 403, "NOT_OWNER");
        Sse notOwnerStream = stream(
                aliceToken,
                JSON.writeValueAsString(Map.of(
                        "model",
                        bobsModel,
                        "messages",
                        List.of(Map.of("role", "user", "content", "hi")),
                        "stream",
                        true)));
        assertThat(notOwnerStream.status()).isEqualTo(403);
        assertOpenAiError(complete(aliceToken, request("gpt-4o", "hi")), 400, "VALIDATION_FAILED");
        assertOpenAiError(complete(aliceToken, request(C + "/01", "hi")), 400, "VALIDATION_FAILED");
        assertOpenAiError(complete(aliceToken, request(C + "/9999", "hi")), 404, "NOT_FOUND");
        assertThat(complete(aliceToken, request("nosuchcollection/1", "hi")).status())
                .isIn(400, 404);
        assertOpenAiError(complete(aliceToken, Map.of("messages", List.of())), 400, "VALIDATION_FAILED");
        assertOpenAiError(complete(aliceToken, Map.of("model", model)), 400, "VALIDATION_FAILED");
        Response badRole = complete(
                aliceToken, Map.of("model", model, "messages", List.of(Map.of("role", "tool", "content", "x"))));
        assertOpenAiError(badRole, 400, "VALIDATION_FAILED");
        assertThat(badRole.body().get("error").get("message").asString()).contains("role");
        Response tooLong = complete(aliceToken, request(model, "x".repeat(4001)));
        assertOpenAiError(tooLong, 400, "VALIDATION_FAILED");
        assertThat(tooLong.body().get("error").get("message").asString()).contains("4000");
        assertThat(complete(aliceToken, request(model, "x".repeat(4000))).status())
                .isEqualTo(200);
        Response notJson = api.send("POST", "/v1/chat/completions", "{not json", aliceToken, Map.of());
        assertOpenAiError(notJson, 400, "VALIDATION_FAILED");
        assertThat(complete(null, request(model, "hi")).status()).isEqualTo(401);

        // the official openai npm package
        JsonNode summary = OpenAiSdkCheck.run(port, aliceToken, model, bobsModel);
        assertThat(summary.get("ok").asBoolean()).as(summary.toString()).isTrue();
        assertThat(summary.get("checks").get("models_list").asBoolean()).isTrue();
        assertThat(summary.get("checks").get("completion").asBoolean()).isTrue();
        assertThat(summary.get("checks").get("stream").asBoolean()).isTrue();
        assertThat(summary.get("checks").get("not_owner").asBoolean()).isTrue();
        assertThat(summary.get("completion_content").asString()).contains("Hello from the openai SDK");
        assertThat(summary.get("streamed_content").asString()).contains("Stream to the openai SDK");
        assertThat(summary.get("usage").get("total_tokens").asInt()).isPositive();
    }
}
