package dev.panthera.ownership.provider.secret;

import com.sun.net.httpserver.HttpExchange;
import dev.panthera.ownership.provider.FakeHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A Secret LCD on 127.0.0.1 that replays the recorded exchanges: {@code /registration/v1beta1/tx-key}
 * answers with tx-key.json, and a {@code /compute/v1beta1/query/…} request is answered only when
 * its path and query string are exactly those secretjs sent in a recorded scenario (so a request
 * that differs in one byte of the encrypted query gets a 404 and is reported by
 * {@link #unmatched()}). Scripted overrides answer compute queries with a status and body, or hang.
 */
final class FakeLcd implements AutoCloseable {

    private record Reply(int status, String body, Map<String, String> headers, boolean hang) {}

    private final FakeHttpServer server;
    private final Map<String, Reply> recorded = new HashMap<>();
    private final List<String> unmatched = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private volatile Reply txKey =
            new Reply(200, new String(SecretFixtures.bytes("tx-key.json"), StandardCharsets.UTF_8), Map.of(), false);
    private volatile Reply override;

    FakeLcd() {
        for (JsonNode scenario : SecretFixtures.EXCHANGES.get("scenarios")) {
            JsonNode exchange = SecretFixtures.computeExchange(scenario);
            Map<String, String> headers = new HashMap<>();
            exchange.path("headers")
                    .properties()
                    .forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
            recorded.put(
                    exchange.get("path").asString(),
                    new Reply(
                            exchange.get("status").asInt(), exchange.get("body").asString(), headers, false));
        }
        server = new FakeHttpServer(this::handle);
    }

    String url() {
        return server.url();
    }

    /** Answer every compute query with this, from now on. */
    FakeLcd answerQueries(int status, String body) {
        override = new Reply(status, body, Map.of("content-type", "application/json"), false);
        return this;
    }

    /** Never answer compute queries, from now on. */
    FakeLcd hangQueries() {
        override = new Reply(0, null, Map.of(), true);
        return this;
    }

    FakeLcd answerTxKey(int status, String body) {
        txKey = new Reply(status, body, Map.of(), false);
        return this;
    }

    synchronized List<String> unmatched() {
        return List.copyOf(unmatched);
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    synchronized long txKeyRequests() {
        return requests.stream().filter(r -> r.startsWith("/registration/")).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        Reply reply;
        synchronized (this) {
            requests.add(raw);
            if (!exchange.getRequestMethod().equals("GET")) {
                unmatched.add(exchange.getRequestMethod() + " " + raw);
                reply = new Reply(
                        405, "{\"code\":12,\"message\":\"Method Not Allowed\",\"details\":[]}", Map.of(), false);
            } else if (exchange.getRequestURI().getRawPath().equals("/registration/v1beta1/tx-key")) {
                reply = txKey;
            } else if (raw.startsWith("/compute/v1beta1/query/")) {
                reply = override != null ? override : recorded.get(raw);
                if (reply == null) {
                    unmatched.add(raw);
                    reply = new Reply(
                            404, "{\"code\":5,\"message\":\"no recorded exchange\",\"details\":[]}", Map.of(), false);
                }
            } else {
                unmatched.add(raw);
                reply = new Reply(501, "{\"code\":12,\"message\":\"Not Implemented\",\"details\":[]}", Map.of(), false);
            }
        }
        if (reply.hang()) {
            server.hang(exchange);
            return;
        }
        FakeHttpServer.reply(
                exchange, reply.status(), reply.headers(), reply.body().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
