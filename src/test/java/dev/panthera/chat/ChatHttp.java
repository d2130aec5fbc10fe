package dev.panthera.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.agent.SealedMetadata;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient;
import dev.panthera.support.ApiClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat over real HTTP for the chat ITs: a wallet and an agent minted on the dev chain, {@code POST
 * /v1/agents/{c}/{t}/chat} as JSON or SSE, {@code POST /v1/chat/completions}, and what is stored
 * (history and conversations). SSE bodies are read whole and split into events.
 */
final class ChatHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An agent and the access token of the wallet that holds it. */
    record Agent(String bearer, String tokenId) {}

    /** One SSE event; {@code name} is null for OpenAI's unnamed {@code data:} events. */
    record Event(String name, String data) {
        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    record Sse(int status, String contentType, String retryAfter, List<Event> events, String raw) {

        List<String> names() {
            return events.stream().map(Event::name).toList();
        }

        /** The contents of the {@code token} events, in order. */
        List<String> tokens() {
            return events.stream()
                    .filter(e -> "token".equals(e.name()))
                    .map(e -> e.json().get("content").asString())
                    .toList();
        }

        Event last() {
            return events.getLast();
        }
    }

    private final ApiClient api;
    private final String base;
    private final String collection;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    ChatHttp(int port, String collection) {
        this.api = new ApiClient(port);
        this.base = "http://127.0.0.1:" + port;
        this.collection = collection;
    }

    ApiClient api() {
        return api;
    }

    String signIn(DevWallet wallet) {
        Response verified = api.signIn(wallet, null);
        assertThat(verified.status()).as(verified.raw().body()).isEqualTo(200);
        return verified.text("access_token");
    }

    String newWallet() {
        return signIn(DevWallet.generate(ChainFamily.EVM, null));
    }

    /** Mints {@code tokenId} to the bearer's wallet; {@code model} null leaves the agent on the defaults. */
    Agent mint(String bearer, String tokenId, String model) {
        Map<String, Object> body = new HashMap<>();
        body.put("token_id", tokenId);
        if (model != null) {
            body.put(
                    "token_uri",
                    SealedMetadata.dataUri(
                            "{\"name\": \"Agent " + tokenId + "\", \"agent_config\": {\"model\": \"" + model + "\"}}"));
        }
        Response minted = api.post("/v1/dev/nfts/" + collection + "/mint", body, bearer);
        assertThat(minted.status()).as(minted.raw().body()).isEqualTo(201);
        Agent agent = new Agent(bearer, tokenId);
        Response info = api.get(agentPath(agent), bearer);
        assertThat(info.status()).as(info.raw().body()).isEqualTo(200);
        if (model != null) {
            assertThat(info.text("model"))
                    .as("the agent's model picks the provider")
                    .isEqualTo(model);
        }
        return agent;
    }

    String agentPath(Agent agent) {
        return "/v1/agents/" + collection + "/" + agent.tokenId();
    }

    String modelOf(Agent agent) {
        return collection + "/" + agent.tokenId();
    }

    Response chat(Agent agent, String message, String conversationId) {
        return api.post(agentPath(agent) + "/chat", chatBody(message, conversationId, false), agent.bearer());
    }

    Sse chatStream(Agent agent, String message, String conversationId) {
        return sse(agentPath(agent) + "/chat", chatBody(message, conversationId, true), agent.bearer());
    }

    /** The SSE response as it arrives, for a client that leaves part-way. */
    HttpResponse<InputStream> openChatStream(Agent agent, String message, String conversationId) {
        return send(agentPath(agent) + "/chat", chatBody(message, conversationId, true), agent.bearer(), ofStream());
    }

    Response complete(Agent agent, String content) {
        return api.post("/v1/chat/completions", completionBody(agent, content, false), agent.bearer());
    }

    Sse completeStream(Agent agent, String content) {
        return sse("/v1/chat/completions", completionBody(agent, content, true), agent.bearer());
    }

    HttpResponse<InputStream> openCompletionStream(Agent agent, String content) {
        return send("/v1/chat/completions", completionBody(agent, content, true), agent.bearer(), ofStream());
    }

    /** The conversation with up to 200 of its messages, newest first. */
    JsonNode history(Agent agent, String conversationId) {
        Response r = api.get("/v1/conversations/" + conversationId + "/messages?limit=200", agent.bearer());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.body();
    }

    /** The wallet's conversations with the agent. */
    JsonNode conversations(Agent agent) {
        Response r = api.get(agentPath(agent) + "/conversations?limit=200", agent.bearer());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.body().get("conversations");
    }

    private static Map<String, Object> chatBody(String message, String conversationId, boolean stream) {
        Map<String, Object> body = new HashMap<>();
        body.put("message", message);
        if (conversationId != null) {
            body.put("conversation_id", conversationId);
        }
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    private Map<String, Object> completionBody(Agent agent, String content, boolean stream) {
        Map<String, Object> body = new HashMap<>();
        body.put("model", modelOf(agent));
        body.put("messages", List.of(Map.of("role", "user", "content", content)));
        if (stream) {
            body.put("stream", true);
            body.put("stream_options", Map.of("include_usage", true));
        }
        return body;
    }

    private Sse sse(String path, Object body, String bearer) {
        HttpResponse<String> response = send(path, body, bearer, HttpResponse.BodyHandlers.ofString());
        return new Sse(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Retry-After").orElse(null),
                parse(response.body()),
                response.body());
    }

    static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            String name = null;
            StringBuilder data = null;
            for (String line : frame.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String part = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null
                            ? new StringBuilder(part)
                            : data.append('\n').append(part);
                }
            }
            if (data != null) {
                events.add(new Event(name, data.toString()));
            }
        }
        return events;
    }

    private static HttpResponse.BodyHandler<InputStream> ofStream() {
        return HttpResponse.BodyHandlers.ofInputStream();
    }

    private <T> HttpResponse<T> send(String path, Object body, String bearer, HttpResponse.BodyHandler<T> handler) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
