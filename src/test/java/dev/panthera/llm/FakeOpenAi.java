package dev.panthera.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted OpenAI-compatible upstream on 127.0.0.1 speaking the Chat Completions wire format:
 * {@code POST /v1/chat/completions}, a JSON completion, or SSE {@code data:} chunks ending with
 * {@code data: [DONE]}. Each request takes the next script; the last one repeats. A script may read
 * the request with {@link #requestBody}; {@link #reset} clears the queue and counters between tests
 * that share one fake.
 */
public final class FakeOpenAi implements AutoCloseable {

    /** Answers one request. */
    public interface Script {
        void answer(HttpExchange exchange) throws Exception;
    }

    /**
     * Each exchange's request body, for its script. Not an exchange attribute: the JDK server keeps
     * those in the context, shared by concurrent requests.
     */
    private static final Map<HttpExchange, String> BODIES = new ConcurrentHashMap<>();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Queue<Script> scripts = new ConcurrentLinkedQueue<>();
    private volatile Script last = status(500, Map.of());
    public final AtomicInteger requests = new AtomicInteger();
    /** The most requests it was answering at one time. */
    public final AtomicInteger mostAtOnce = new AtomicInteger();

    private final AtomicInteger answering = new AtomicInteger();
    public final List<String> bodies = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Completes when a streaming script could not write (the client closed the connection). */
    public final CompletableFuture<IOException> writeFailed = new CompletableFuture<>();

    private FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            requests.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            BODIES.put(exchange, body);
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            Script script = scripts.poll();
            if (script == null) {
                script = last;
            } else if (scripts.isEmpty()) {
                last = script;
            }
            mostAtOnce.accumulateAndGet(answering.incrementAndGet(), Math::max);
            try {
                script.answer(exchange);
            } catch (IOException e) {
                writeFailed.complete(e);
            } catch (Exception e) {
                throw new IOException(e);
            } finally {
                BODIES.remove(exchange);
                answering.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    public static FakeOpenAi start() throws IOException {
        return new FakeOpenAi();
    }

    /** {@link #start}, for a static field's initializer: a failure to start is unchecked. */
    public static FakeOpenAi started() {
        try {
            return start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The scripts for the next requests, in order; the last one answers every later request. */
    public FakeOpenAi answer(Script... next) {
        scripts.addAll(List.of(next));
        return this;
    }

    /** Forgets queued scripts and what was seen, so the next test starts from nothing. */
    public FakeOpenAi reset() {
        scripts.clear();
        last = status(500, Map.of());
        requests.set(0);
        mostAtOnce.set(0);
        bodies.clear();
        authorizations.clear();
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The body of the request a script is answering. */
    public static String requestBody(HttpExchange exchange) {
        return BODIES.get(exchange);
    }

    public static Script reply(String content, int promptTokens, int completionTokens) {
        return exchange -> send(exchange, 200, Map.of(), """
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"fake-chat",\
                "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}""".formatted(
                        quote(content), promptTokens, completionTokens, promptTokens + completionTokens));
    }

    public static Script status(int status, Map<String, String> headers) {
        return exchange -> send(exchange, status, headers, """
                {"error":{"message":"scripted failure","type":"server_error"}}""");
    }

    /** Waits before answering at all (no headers), as a model slow to its first token. */
    public static Script slow(Duration delay, Script then) {
        return exchange -> {
            Thread.sleep(delay);
            then.answer(exchange);
        };
    }

    /** SSE chunks, one per token, {@code gap} apart, then a usage chunk and [DONE]. */
    public static Script stream(List<String> tokens, Duration gap) {
        return exchange -> sse(exchange, true, tokens, gap, 9);
    }

    private static void sse(
            HttpExchange exchange, boolean sendHeaders, List<String> tokens, Duration gap, int promptTokens)
            throws Exception {
        if (sendHeaders) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
        }
        OutputStream out = exchange.getResponseBody();
        for (String token : tokens) {
            event(out, chunk("{\"content\":" + quote(token) + "}", "null", ""));
            Thread.sleep(gap);
        }
        event(
                out,
                chunk(
                        "{}",
                        "\"stop\"",
                        ",\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + tokens.size()
                                + ",\"total_tokens\":" + (promptTokens + tokens.size()) + "}"));
        event(out, "[DONE]");
    }

    /** Headers at once, then nothing for {@code delay} before the tokens: a model slow to its first token. */
    public static Script firstTokenAfter(Duration delay, List<String> tokens) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().flush();
            Thread.sleep(delay);
            sse(exchange, false, tokens, Duration.ZERO, 9);
        };
    }

    /** Never answers: no status, no headers, for {@code duration}; then drops the connection. */
    public static Script silent(Duration duration) {
        return exchange -> Thread.sleep(duration);
    }

    /**
     * Streams {@code token} every {@code gap} until the client goes away, then completes {@code closed}
     * with the write failure: an upstream that would talk for ever, and sees when it is cut off.
     */
    public static Script drip(String token, Duration gap, CompletableFuture<IOException> closed) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 100_000; i++) {
                    event(out, chunk("{\"content\":" + quote(token) + "}", "null", ""));
                    Thread.sleep(gap);
                }
            } catch (IOException e) {
                closed.complete(e);
                throw e;
            }
        };
    }

    /**
     * Answers every request in kind (JSON, or SSE when it asked to stream) with {@code "echo: "} and
     * the last user message, a word per chunk {@code gap} apart; usage counts the request's messages
     * as prompt tokens and the words as completion tokens.
     */
    public static Script echo(Duration gap) {
        return exchange -> {
            JsonNode request = JSON.readTree(requestBody(exchange));
            String last = "";
            for (JsonNode message : request.get("messages")) {
                if ("user".equals(message.get("role").asString())) {
                    last = message.get("content").asString();
                }
            }
            String content = "echo: " + last;
            List<String> words = words(content);
            int prompt = request.get("messages").size();
            if (request.path("stream").asBoolean(false)) {
                sse(exchange, true, words, gap, prompt);
            } else {
                reply(content, prompt, words.size()).answer(exchange);
            }
        };
    }

    /** The text split before each space, so that joining the pieces gives it back exactly. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                words.add(text.substring(start, i));
                start = i;
            }
        }
        words.add(text.substring(start));
        return words;
    }

    /** Sends the headers and some tokens (maybe none), then goes quiet for {@code silence}. */
    public static Script stall(List<String> tokens, Duration silence) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String token : tokens) {
                event(out, chunk("{\"content\":" + quote(token) + "}", "null", ""));
            }
            Thread.sleep(silence);
        };
    }

    /** Sends some tokens, then drops the connection before the promised body is complete. */
    public static Script breakAfter(List<String> tokens) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 1_000_000);
            OutputStream out = exchange.getResponseBody();
            for (String token : tokens) {
                event(out, chunk("{\"content\":" + quote(token) + "}", "null", ""));
            }
            Thread.sleep(50);
        };
    }

    private static String chunk(String delta, String finishReason, String usage) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"fake-chat\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"finish_reason\":" + finishReason + "}]" + usage + "}";
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
