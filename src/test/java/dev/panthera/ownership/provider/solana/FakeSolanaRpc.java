package dev.panthera.ownership.provider.solana;

import com.sun.net.httpserver.HttpExchange;
import dev.panthera.ownership.provider.FakeHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Solana JSON-RPC endpoint on 127.0.0.1 that answers a scripted sequence of calls with the
 * recorded responses in {@code src/test/resources/fixtures/solana/}. Each expected call names the
 * method and the exact params; a call that does not match is recorded as a failure (and answered
 * with HTTP 400), and {@link #assertAllServed()} reports failures and unserved expectations.
 */
final class FakeSolanaRpc implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private record Expected(String method, JsonNode params, int status, byte[] body, boolean hang, boolean rewriteId) {}

    private final FakeHttpServer server;
    private final Deque<Expected> expected = new ArrayDeque<>();
    private final List<String> failures = new ArrayList<>();
    private final List<JsonNode> received = new ArrayList<>();

    FakeSolanaRpc() {
        server = new FakeHttpServer(this::handle);
    }

    String url() {
        return server.url();
    }

    static byte[] fixture(String name) {
        try (InputStream in = FakeSolanaRpc.class.getResourceAsStream("/fixtures/solana/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode fixtureJson(String name) {
        return JSON.readTree(fixture(name));
    }

    /** Expects {@code method(params)} and answers with the fixture file (its id set to the request's). */
    FakeSolanaRpc expect(String method, String paramsJson, String fixture) {
        expected.add(new Expected(method, JSON.readTree(paramsJson), 200, fixture(fixture), false, true));
        return this;
    }

    /** Expects {@code method(params)} and answers with this status and body, as they are. */
    FakeSolanaRpc expectRaw(String method, String paramsJson, int status, byte[] body) {
        expected.add(new Expected(
                method, paramsJson == null ? null : JSON.readTree(paramsJson), status, body, false, false));
        return this;
    }

    /** Expects {@code method} and never answers. */
    FakeSolanaRpc expectHang(String method) {
        expected.add(new Expected(method, null, 0, null, true, false));
        return this;
    }

    synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    synchronized void assertAllServed() {
        if (!failures.isEmpty()) {
            throw new AssertionError("unexpected RPC calls: " + failures);
        }
        if (!expected.isEmpty()) {
            throw new AssertionError("calls never made: "
                    + expected.stream().map(Expected::method).toList());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Expected next;
        JsonNode request;
        synchronized (this) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            request = JSON.readTree(body);
            received.add(request);
            next = expected.poll();
            String problem = problem(exchange, request, next);
            if (problem != null) {
                failures.add(problem);
                exchange.sendResponseHeaders(400, -1);
                exchange.close();
                return;
            }
        }
        if (next.hang()) {
            server.hang(exchange);
            return;
        }
        byte[] answer = next.body();
        if (next.rewriteId()) {
            ObjectNode node = (ObjectNode) JSON.readTree(answer);
            node.set("id", request.get("id"));
            answer = JSON.writeValueAsBytes(node);
        }
        FakeHttpServer.reply(exchange, next.status(), Map.of("Content-Type", "application/json"), answer);
    }

    private static String problem(HttpExchange exchange, JsonNode request, Expected next) {
        if (next == null) {
            return "no call expected, got " + request;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            return "HTTP " + exchange.getRequestMethod() + " instead of POST";
        }
        if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            return "Content-Type " + exchange.getRequestHeaders().getFirst("Content-Type");
        }
        if (!"2.0".equals(request.path("jsonrpc").asString())
                || !request.path("id").isIntegralNumber()) {
            return "not a JSON-RPC 2.0 request: " + request;
        }
        if (!next.method().equals(request.path("method").asString())) {
            return "expected " + next.method() + ", got "
                    + request.path("method").asString();
        }
        if (next.params() != null && !next.params().equals(request.get("params"))) {
            return next.method() + ": expected params " + next.params() + ", got " + request.get("params");
        }
        return null;
    }

    @Override
    public void close() {
        server.close();
    }
}
