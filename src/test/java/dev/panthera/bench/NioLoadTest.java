package dev.panthera.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link NioLoad} through {@link ChatLoad#run}: against the fake upstream in-process, against a JDK
 * server answering with a length, chunked, split SSE lines, 500 or no [DONE], and against raw
 * sockets for a body read to EOF and chunk extensions and trailers split across writes.
 */
class NioLoadTest {

    static final String JSON = "{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"hi\"}}]}";
    static ChatFakeUpstream upstream;
    static HttpServer server;
    static final Map<String, Set<String>> connections = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        upstream = ChatFakeUpstream.start(0, 5000);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", NioLoadTest::handle);
        server.start();
    }

    @AfterAll
    static void stop() {
        upstream.close();
        server.stop(0);
    }

    @Test
    void jsonAtTwoHundredPerSecondReusesConnections() throws Exception {
        List<ChatLoad.Target> targets =
                List.of(target("upstream", upstream.port(), "/chat/completions", false), own("/length"));
        try (NioLoad load = new NioLoad(targets, false)) {
            List<ChatLoad.Samples> samples =
                    ChatLoad.run(load, targets, false, 200, Duration.ZERO, Duration.ofSeconds(1));
            for (ChatLoad.Samples s : samples) {
                assertThat(s.errors.get()).as(s.name + " " + s.lastError).isZero();
                assertThat(s.count()).as(s.name).isEqualTo(200);
                assertThat(s.ms(0.5)).as(s.name).isGreaterThan(0);
                assertThat(s.ms(1)).as(s.name).isLessThan(2000);
            }
            // keep-alive: far fewer connections than the 200 requests each (a stall opens a few more)
            assertThat(load.opened(0)).isLessThan(100);
            assertThat(load.opened(1)).isLessThan(100);
        }
        assertThat(connections.get("/length")).hasSizeLessThan(100);
    }

    @Test
    void streamTimesTheFirstTokenEvenWhenLinesAreSplit() throws Exception {
        List<ChatLoad.Samples> samples = ChatLoad.run(
                List.of(target("upstream", upstream.port(), "/chat/completions", true), own("/sse-split")),
                true,
                200,
                Duration.ZERO,
                Duration.ofSeconds(1));
        for (ChatLoad.Samples s : samples) {
            assertThat(s.errors.get()).as(s.name + " " + s.lastError).isZero();
            assertThat(s.count()).as(s.name).isEqualTo(200);
            assertThat(s.ms(1)).as(s.name).isLessThan(2000);
        }
        // /sse-split holds [DONE] back 100 ms after the first token: the driver times the first
        // token, so half its latencies are below that even on a busy machine
        assertThat(samples.get(1).ms(0.5)).isGreaterThan(0).isLessThan(100);
        assertThat(connections.get("/sse-split")).hasSizeLessThan(150);
    }

    @Test
    void bodiesByLengthChunkedOrToEofParseAndFailuresCount() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        try (ServerSocket eof = raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"choices\":|[]}");
                ServerSocket chunks = raw(
                        "HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\nCONTENT-type: application/json\r\n"
                                + "connection: close" // the server closes after one answer: no reuse race
                                + "\r\n\r\n5;name=value\r\n{\"cho\r\n|6\r\nices\":\r\nA|\r\n[1,2,3,4]}\r\n0\r\nX-Trailer: yes\r\n|\r\n")) {
            List<ChatLoad.Samples> samples = ChatLoad.run(
                    List.of(
                            own("/chunked"),
                            own("/error"),
                            rawTarget("eof", eof.getLocalPort()),
                            rawTarget("chunk-extensions", chunks.getLocalPort()),
                            rawTarget("refused", closed)),
                    false,
                    100,
                    Duration.ZERO,
                    Duration.ofMillis(200));
            for (int k : new int[] {0, 2, 3}) {
                ChatLoad.Samples s = samples.get(k);
                assertThat(s.errors.get()).as(s.name + " " + s.lastError).isZero();
                assertThat(s.count()).as(s.name).isEqualTo(20);
            }
            assertThat(samples.get(1).errors.get()).isEqualTo(20);
            assertThat(samples.get(1).count()).isZero();
            assertThat(samples.get(1).lastError).startsWith("HTTP 500").contains("boom");
            assertThat(samples.get(4).errors.get()).isEqualTo(20);
            assertThat(samples.get(4).lastError).contains("Connect");
        }
    }

    @Test
    void aStreamWithoutDoneIsAnError() throws Exception {
        List<ChatLoad.Samples> samples =
                ChatLoad.run(List.of(own("/nodone")), true, 100, Duration.ZERO, Duration.ofMillis(200));
        assertThat(samples.get(0).errors.get()).isEqualTo(20);
        assertThat(samples.get(0).count()).isZero();
        assertThat(samples.get(0).lastError).contains("first token true").contains("[DONE] false");
    }

    static ChatLoad.Target own(String path) {
        return target(path, server.getAddress().getPort(), path, false);
    }

    static ChatLoad.Target target(String name, int port, String path, boolean stream) {
        String body = "{\"model\":\"m\",\"messages\":[]" + (stream ? ",\"stream\":true" : "") + "}";
        return ChatLoad.Target.post(name, URI.create("http://127.0.0.1:" + port + path), "Bearer t", body);
    }

    static ChatLoad.Target rawTarget(String name, int port) {
        return ChatLoad.Target.post(name, URI.create("http://127.0.0.1:" + port + "/x"), null, "{}");
    }

    static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            connections
                    .computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet())
                    .add(exchange.getRemoteAddress().toString());
            OutputStream out = exchange.getResponseBody();
            switch (path) {
                case "/length" -> {
                    byte[] json = JSON.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, json.length);
                    out.write(json);
                }
                case "/chunked" -> {
                    exchange.sendResponseHeaders(200, 0);
                    write(out, JSON.substring(0, 10), 0);
                    write(out, JSON.substring(10), 0);
                }
                case "/error" -> {
                    byte[] json = "{\"error\":\"boom\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(500, json.length);
                    out.write(json);
                }
                case "/sse-split", "/nodone" -> {
                    exchange.sendResponseHeaders(200, 0);
                    write(out, "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\nda", 2);
                    write(out, "ta: {\"choices\":[{\"delta\":{\"con", 2);
                    write(out, "tent\":\"Hi\"}}]}\n", 100);
                    write(out, "\ndata: {\"choices\":[],\"content\":\"\"}\n\n", 0);
                    if (path.equals("/sse-split")) {
                        write(out, "data: [DO", 1);
                        write(out, "NE]\n\n", 0);
                    }
                }
                default -> exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    /** Writes and flushes (one chunk each), then waits a little. */
    static void write(OutputStream out, String text, long sleepMillis) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            Thread.sleep(sleepMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A server answering each connection's one request with {@code response} ('|' splits writes),
     * then closing; a response that keeps the connection open (no length, no close) ends at EOF.
     */
    static ServerSocket raw(String response) throws IOException {
        ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> answer(socket, response));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    private static void answer(Socket socket, String response) {
        try (socket) {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            String lower = head.toString().toLowerCase();
            int at = lower.indexOf("content-length:");
            int length = Integer.parseInt(
                    lower.substring(at + 15, lower.indexOf('\r', at)).trim());
            in.readNBytes(length);
            OutputStream out = socket.getOutputStream();
            for (String piece : response.split("\\|")) {
                write(out, piece, 1);
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
