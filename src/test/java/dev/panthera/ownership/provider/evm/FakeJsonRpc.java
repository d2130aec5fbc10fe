package dev.panthera.ownership.provider.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.web3j.protocol.ObjectMapperFactory;

/**
 * A JSON-RPC endpoint on 127.0.0.1 that answers each method with a canned reply: a result (raw
 * JSON), a JSON-RPC error, an HTTP status, or any body. Records the requests it got.
 */
final class FakeJsonRpc implements AutoCloseable {

    private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();

    /** What to send back: the HTTP status and the body. */
    record Reply(int status, String body) {}

    private final HttpServer server;
    private final Map<String, Function<JsonNode, Reply>> handlers = new ConcurrentHashMap<>();
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    FakeJsonRpc() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                requests.add(request);
                String method = request.path("method").asText();
                Function<JsonNode, Reply> handler = handlers.get(method);
                Reply reply = handler == null
                        ? new Reply(200, error(request.path("id").asLong(), -32601, "method not found: " + method))
                        : handler.apply(request);
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method} with {@code resultJson} (raw JSON: "\"0x10\"", "[...]", "null"). */
    FakeJsonRpc result(String method, String resultJson) {
        return on(method, request -> new Reply(200, result(request.path("id").asLong(), resultJson)));
    }

    FakeJsonRpc error(String method, int code, String message) {
        return on(method, request -> new Reply(200, error(request.path("id").asLong(), code, message)));
    }

    FakeJsonRpc on(String method, Function<JsonNode, Reply> handler) {
        handlers.put(method, handler);
        return this;
    }

    List<JsonNode> requests(String method) {
        return requests.stream()
                .filter(r -> method.equals(r.path("method").asText()))
                .toList();
    }

    static String result(long id, String resultJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + resultJson + "}";
    }

    static String error(long id, int code, String message) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code + ",\"message\":"
                + JSON.valueToTree(message) + "}}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
