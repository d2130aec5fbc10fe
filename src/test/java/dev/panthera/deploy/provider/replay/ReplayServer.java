package dev.panthera.deploy.provider.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Serves recorded API exchanges from a JDK HttpServer on 127.0.0.1: each "METHOD /path" (or
 * "METHOD /path?query" when the query matters) answers its queued responses in order, the last one
 * again and again. Bodies come from classpath fixtures. Every request is recorded for assertions;
 * anything unscripted answers 599 so a test sees it.
 */
public final class ReplayServer implements AutoCloseable {

    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private record Answer(int status, String contentType, String body) {}

    private final HttpServer server;
    private final Map<String, Deque<Answer>> script = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    public ReplayServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues a response whose body is the classpath fixture {@code fixture} (null = empty). */
    public ReplayServer on(String route, int status, String fixture) {
        String body = fixture == null ? "" : fixture(fixture);
        String type = fixture != null && fixture.endsWith(".json") ? "application/json" : "text/plain";
        script.computeIfAbsent(route, k -> new ArrayDeque<>()).addLast(new Answer(status, type, body));
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(String method, String path) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    public static String fixture(String name) {
        try (InputStream in = ReplayServer.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        requests.add(
                new Recorded(method, uri.getPath(), uri.getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
        Deque<Answer> answers =
                uri.getRawQuery() == null ? null : script.get(method + " " + uri.getPath() + "?" + uri.getRawQuery());
        if (answers == null) {
            answers = script.get(method + " " + uri.getPath());
        }
        Answer answer;
        if (answers == null || answers.isEmpty()) {
            answer = new Answer(599, "text/plain", "unscripted " + method + " " + uri);
        } else {
            synchronized (answers) {
                answer = answers.size() > 1 ? answers.pollFirst() : answers.peekFirst();
            }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
