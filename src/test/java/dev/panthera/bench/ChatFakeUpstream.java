package dev.panthera.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A fake OpenAI-compatible upstream for {@code bench/chat-bench.sh}, in a process of its own so that
 * it costs Panthera neither CPU time in its JVM nor file descriptors. {@code POST /chat/completions}
 * answers at once with a fixed completion (JSON, or SSE chunks with {@code usage} and {@code [DONE]}
 * when {@code "stream": true}). A streamed request whose body holds {@link #HOLD} is kept open: the
 * first token goes out at once, then one every {@code trickle} ms until {@code POST /release}.
 * {@code GET /stats} says how many are held. The JDK's server on virtual threads: one cheap thread
 * per exchange, so thousands of held streams cost little.
 *
 * <p>Usage: {@code ChatFakeUpstream <port> [trickle-ms=5000]}
 */
public final class ChatFakeUpstream {

    /** The marker a request carries (in its user message) to be held open. */
    static final String HOLD = "chat-bench-hold";

    static final String CONTENT = "Hello from the fake upstream.";

    private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
    private static final String[] TOKENS = {"Hello", " from", " the", " fake", " upstream."};

    private final long trickleMillis;
    private final AtomicReference<CountDownLatch> release = new AtomicReference<>(new CountDownLatch(1));
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();

    private ChatFakeUpstream(long trickleMillis) {
        this.trickleMillis = trickleMillis;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long trickle = args.length > 1 ? Long.parseLong(args[1]) : 5000;
        ChatFakeUpstream upstream = new ChatFakeUpstream(trickle);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8192);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", upstream::handle);
        server.start();
        System.out.println("fake upstream listening on 127.0.0.1:" + port + ", trickle " + trickle + " ms");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.endsWith("/chat/completions") && "POST".equals(exchange.getRequestMethod())) {
                served.incrementAndGet();
                if (!STREAM.matcher(body).find()) {
                    json(exchange, completion());
                } else if (body.contains(HOLD)) {
                    hold(exchange);
                } else {
                    stream(exchange);
                }
            } else if (path.equals("/release")) {
                release.getAndSet(new CountDownLatch(1)).countDown();
                json(exchange, "{\"released\":true}");
            } else if (path.equals("/stats")) {
                json(exchange, "{\"held\":" + held.get() + ",\"served\":" + served.get() + "}");
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private static void json(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void stream(HttpExchange exchange) throws IOException {
        OutputStream out = startStream(exchange);
        event(out, chunk("\"role\":\"assistant\",\"content\":\"\"", null));
        for (String token : TOKENS) {
            event(out, chunk("\"content\":\"" + token + "\"", null));
        }
        finish(out, TOKENS.length);
    }

    /** First token at once, then one per trickle interval until released (or the caller leaves). */
    private void hold(HttpExchange exchange) throws IOException {
        CountDownLatch released = release.get();
        OutputStream out = startStream(exchange);
        held.incrementAndGet();
        try {
            event(out, chunk("\"role\":\"assistant\",\"content\":\"\"", null));
            event(out, chunk("\"content\":\"Hello\"", null));
            int tokens = 1;
            while (!released.await(trickleMillis, TimeUnit.MILLISECONDS)) {
                event(out, chunk("\"content\":\" .\"", null));
                tokens++;
            }
            finish(out, tokens);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
    }

    private static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static void finish(OutputStream out, int tokens) throws IOException {
        event(out, chunk("", "\"stop\""));
        event(
                out,
                "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"bench-model\","
                        + "\"choices\":[],\"usage\":" + usage(tokens) + "}");
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String chunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"bench-model\","
                + "\"choices\":[{\"index\":0,\"delta\":{" + delta + "},\"finish_reason\":" + finishReason + "}]}";
    }

    private static String completion() {
        return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"bench-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + CONTENT
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":" + usage(TOKENS.length) + "}";
    }

    private static String usage(int completionTokens) {
        return "{\"prompt_tokens\":12,\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                + (12 + completionTokens) + "}";
    }
}
