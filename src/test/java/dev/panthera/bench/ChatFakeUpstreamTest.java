package dev.panthera.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ChatFakeUpstream} against the JDK's HTTP/1.1 client and a raw socket. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChatFakeUpstreamTest {

    static final String COMPLETION = "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":0,"
            + "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Hello from the fake upstream.\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}";

    ChatFakeUpstream upstream;
    HttpClient client;

    @BeforeEach
    void start() throws IOException {
        upstream = ChatFakeUpstream.start(0, 200);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        client.close();
        upstream.close();
    }

    @Test
    void jsonCompletion() throws Exception {
        HttpResponse<String> response = client.send(chat("{\"model\":\"m\",\"stream\":false}"), ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValueAsLong("content-length"))
                .hasValue(COMPLETION.getBytes(StandardCharsets.UTF_8).length);
        assertThat(response.body()).isEqualTo(COMPLETION);
    }

    @Test
    void streamedCompletion() throws Exception {
        HttpResponse<String> response = client.send(chat("{\"model\":\"m\",\"stream\" : true}"), ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        List<String> data = data(response.body().lines().toList());
        assertThat(data).hasSize(9);
        assertThat(data.get(0)).contains("\"role\":\"assistant\"");
        StringBuilder content = new StringBuilder();
        for (String event : data.subList(1, 6)) {
            content.append(event.replaceAll(".*\"content\":\"([^\"]*)\".*", "$1"));
        }
        assertThat(content).hasToString(ChatFakeUpstream.CONTENT);
        assertThat(data.get(6)).contains("\"finish_reason\":\"stop\"");
        assertThat(data.get(7))
                .contains("\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}");
        assertThat(data.get(8)).isEqualTo("[DONE]");
    }

    @Test
    void sequentialRequestsReuseOneConnection() throws Exception {
        for (int i = 0; i < 20; i++) {
            boolean stream = i % 2 == 1;
            HttpResponse<String> response = client.send(chat("{\"stream\":" + stream + "}"), ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).endsWith(stream ? "data: [DONE]\n\n" : "}");
        }
        assertThat(stats()).isEqualTo("{\"held\":0,\"served\":20}");
        assertThat(upstream.accepted()).isEqualTo(1);
    }

    @Test
    void aHeldStreamTricklesUntilReleased() throws Exception {
        String body =
                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + ChatFakeUpstream.HOLD + "\"}]}";
        long started = System.nanoTime();
        HttpResponse<InputStream> response = client.send(chat(body), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(next(lines)).contains("\"role\":\"assistant\"");
            assertThat(next(lines)).contains("\"content\":\"Hello\"");
            long hello = millisSince(started);
            assertThat(next(lines)).contains("\"content\":\" .\"");
            // the next token waits one trickle (200 ms, sent up to 2 ms early) after the first
            assertThat(millisSince(started) - hello).isBetween(150L, 5_000L);
            assertThat(stats()).isEqualTo("{\"held\":1,\"served\":1}");

            HttpResponse<String> released = client.send(
                    HttpRequest.newBuilder(uri("/release"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    ofString());
            assertThat(released.body()).isEqualTo("{\"released\":true}");
            List<String> rest = new ArrayList<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                rest.add(line);
            }
            List<String> data = data(rest);
            int tokens =
                    2 + (int) data.stream().filter(d -> d.contains("\" .\"")).count();
            assertThat(data.get(data.size() - 3)).contains("\"finish_reason\":\"stop\"");
            assertThat(data.get(data.size() - 2)).contains("\"completion_tokens\":" + tokens + ",");
            assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        }
        assertThat(stats()).isEqualTo("{\"held\":0,\"served\":1}");
    }

    @Test
    void aHeldStreamWhoseClientLeavesIsDropped() throws Exception {
        String body = "{\"stream\":true,\"content\":\"" + ChatFakeUpstream.HOLD + "\"}";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), upstream.port())) {
            socket.getOutputStream()
                    .write(("POST /chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
                                    + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.UTF_8));
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            while (!lines.readLine().contains("\"content\":\"Hello\"")) {
                // headers and the role chunk
            }
            assertThat(upstream.held()).isEqualTo(1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (upstream.held() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(stats()).isEqualTo("{\"held\":0,\"served\":1}");
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        HttpResponse<String> response =
                client.send(HttpRequest.newBuilder(uri("/nope")).GET().build(), ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValueAsLong("content-length")).hasValue(0);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void twoRequestsInOneWriteChunkedAndThenClose() throws Exception {
        String chunked = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"str\r\nb;ext=1\r\neam\": true}\r\n0\r\n\r\n";
        String json = "POST /chat/completions?x=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), upstream.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((chunked + json).getBytes(StandardCharsets.UTF_8));
            out.flush();
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all).startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n");
            int second = all.indexOf("data: [DONE]\n\n\r\n0\r\n\r\n") + 21;
            assertThat(all.substring(second))
                    .startsWith("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\n")
                    .endsWith("\r\n\r\n" + COMPLETION);
        }
    }

    private HttpRequest chat(String body) {
        return HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private String stats() throws Exception {
        return client.send(HttpRequest.newBuilder(uri("/stats")).build(), ofString())
                .body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + upstream.port() + path);
    }

    private static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString();
    }

    /** The next SSE event's data. */
    private static String next(BufferedReader lines) throws IOException {
        String line = lines.readLine();
        while (line != null && line.isEmpty()) {
            line = lines.readLine();
        }
        assertThat(line).startsWith("data: ");
        return line.substring(6);
    }

    private static List<String> data(List<String> lines) {
        return lines.stream()
                .filter(l -> l.startsWith("data: "))
                .map(l -> l.substring(6))
                .toList();
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
