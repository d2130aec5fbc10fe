package dev.panthera.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A test's WebSocket client: JSON frames arrive in a queue, the close code in a future. */
public class WsClient implements WebSocket.Listener {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final Duration wait;
    private WebSocket socket;

    protected WsClient(Duration wait) {
        this.wait = wait;
    }

    /** Connects {@code client} to {@code ws://127.0.0.1:port{pathAndQuery}}. */
    public static <T extends WsClient> T connect(T client, int port, String pathAndQuery) throws Exception {
        ((WsClient) client).socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), client)
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    public void send(Map<String, Object> frame) throws Exception {
        send(JSON.writeValueAsString(frame));
    }

    public JsonNode next() throws InterruptedException {
        JsonNode frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(frame).as("a frame within " + wait).isNotNull();
        return frame;
    }

    public JsonNode next(String type) throws InterruptedException {
        JsonNode frame = next();
        assertThat(frame.get("type").asString()).as(frame.toString()).isEqualTo(type);
        return frame;
    }

    /** Frames up to and including the first of {@code type}. */
    public List<JsonNode> until(String type) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            JsonNode frame = next();
            seen.add(frame);
            if (frame.get("type").asString().equals(type)) {
                return seen;
            }
        }
    }

    /** A frame that has already arrived, without waiting; null when none has. */
    public JsonNode poll() {
        return frames.poll();
    }

    public int awaitClose() throws Exception {
        return closed.get(wait.toSeconds(), TimeUnit.SECONDS);
    }

    /** Starts a normal close without waiting for the server's answer. */
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    public WebSocket socket() {
        return socket;
    }
}
