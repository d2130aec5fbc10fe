package dev.panthera.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * A fake OpenAI-compatible upstream for {@code bench/chat-bench.sh}, in a process of its own so that
 * it costs Panthera neither CPU time in its JVM nor file descriptors. {@code POST /chat/completions}
 * answers at once with a fixed completion (JSON, or SSE chunks with {@code usage} and {@code [DONE]}
 * when {@code "stream": true}). A streamed request whose body holds {@link #HOLD} is kept open: the
 * first token goes out at once, then one every {@code trickle} ms until {@code POST /release}.
 * {@code GET /stats} says how many are held.
 *
 * <p>A small HTTP/1.1 server on one selector thread, so that it steals little CPU from the server
 * being measured: keep-alive connections ({@link FakeUpstreamConnection}), responses precomputed
 * once, held streams in one queue ordered by their next token's time (all have the same interval),
 * which the selector loop serves between selections: no thread nor timer per stream.
 *
 * <p>Usage: {@code ChatFakeUpstream <port> [trickle-ms=5000]}
 */
public final class ChatFakeUpstream implements AutoCloseable {

    /** The marker a request carries (in its user message) to be held open. */
    static final String HOLD = "chat-bench-hold";

    static final String CONTENT = "Hello from the fake upstream.";

    private static final String[] TOKENS = {"Hello", " from", " the", " fake", " upstream."};

    /** Tokens due this close to now go out in the same pass, to wake up less often. */
    private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    static final byte[] HOLD_BYTES = ascii(HOLD);
    static final byte[] NOT_FOUND = ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    static final byte[] BAD_REQUEST = ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");
    private static final byte[] COMPLETION = json(completion());
    private static final byte[] RELEASED = json("{\"released\":true}");
    private static final String SSE_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n";
    private static final String ROLE = chunk("\"role\":\"assistant\",\"content\":\"\"", null);
    private static final byte[] FINISH = ascii(event(chunk("", "\"stop\"")));
    private static final byte[] DONE = ascii(event("[DONE]") + "0\r\n\r\n");
    private static final byte[] STREAM = streamed();
    private static final byte[] HOLD_START = ascii(SSE_HEAD + event(ROLE) + event(token(TOKENS[0])));
    private static final byte[] TRICKLE = ascii(event(token(" .")));

    private final long trickleNanos;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final int port;
    private final Thread thread;
    /** Shared by all connections: only the selector thread reads and writes. */
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);

    final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(64 * 1024);
    /** Held streams by their next token's time; finished or closed ones are skipped. */
    private final ArrayDeque<FakeUpstreamConnection> holding = new ArrayDeque<>();

    private volatile int held;
    private volatile int served;
    private volatile int accepted;
    private volatile boolean closed;

    private ChatFakeUpstream(int port, long trickleMillis) throws IOException {
        this.trickleNanos = TimeUnit.MILLISECONDS.toNanos(trickleMillis);
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 8192);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        this.thread = new Thread(this::run, "fake-upstream");
        thread.setDaemon(true);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        long trickle = args.length > 1 ? Long.parseLong(args[1]) : 5000;
        ChatFakeUpstream upstream = start(port, trickle);
        System.out.println("fake upstream listening on 127.0.0.1:" + port + ", trickle " + trickle + " ms");
        upstream.thread.join();
    }

    /** Starts the upstream on 127.0.0.1 ({@code port} 0: any free one, see {@link #port()}). */
    static ChatFakeUpstream start(int port, long trickle) throws IOException {
        ChatFakeUpstream upstream = new ChatFakeUpstream(port, trickle);
        upstream.thread.start();
        return upstream;
    }

    int port() {
        return port;
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted;
    }

    int held() {
        return held;
    }

    /** Stops the selector thread and closes every connection. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!closed) {
                selector.select(timeoutMillis());
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    ready(key);
                }
                trickle(System.nanoTime());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof FakeUpstreamConnection connection) {
                    connection.close();
                }
            }
            try {
                selector.close();
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void ready(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        FakeUpstreamConnection connection = (FakeUpstreamConnection) key.attachment();
        try {
            if (key.isWritable()) {
                connection.writable();
            }
            if (key.isValid() && key.isReadable()) {
                connection.readable();
            }
        } catch (IOException | RuntimeException e) {
            connection.close();
        }
    }

    private void accept() {
        for (int k = 0; k < 1024; k++) {
            SocketChannel channel = null;
            try {
                channel = server.accept();
                if (channel == null) {
                    return;
                }
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                key.attach(new FakeUpstreamConnection(this, channel, key));
                accepted++;
            } catch (IOException e) {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // gone
                    }
                }
            }
        }
    }

    /** No wait (0: until a socket is ready) longer than until the next held stream's token. */
    private long timeoutMillis() {
        FakeUpstreamConnection next = holding.peek();
        if (next == null) {
            return 0;
        }
        long nanos = next.nextToken - System.nanoTime();
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    /** Sends a token to each held stream that is due, and queues it again one interval later. */
    private void trickle(long now) {
        FakeUpstreamConnection c;
        while ((c = holding.peek()) != null && c.nextToken - now <= SLACK_NANOS) {
            holding.poll();
            if (!c.holding) {
                continue;
            }
            c.send(TRICKLE);
            c.tokens++;
            if (c.holding) {
                c.nextToken += trickleNanos;
                if (c.nextToken - now <= SLACK_NANOS) {
                    c.nextToken = now + trickleNanos;
                }
                holding.add(c);
            }
        }
    }

    /** Answers one parsed request ({@code body} holds it between from and to). */
    void answer(FakeUpstreamConnection c, boolean post, Route route, byte[] body, int from, int to) {
        switch (route) {
            case COMPLETIONS -> {
                if (!post) {
                    c.respond(NOT_FOUND);
                    return;
                }
                served++;
                if (!streamRequested(body, from, to)) {
                    c.respond(COMPLETION);
                } else if (indexOf(body, from, to, HOLD_BYTES) >= 0) {
                    c.holding = true;
                    c.tokens = 1;
                    c.nextToken = System.nanoTime() + trickleNanos;
                    holding.add(c);
                    held++;
                    c.respond(HOLD_START);
                } else {
                    c.respond(STREAM);
                }
            }
            case RELEASE -> {
                release();
                c.respond(RELEASED);
            }
            case STATS -> c.respond(json("{\"held\":" + held + ",\"served\":" + served + "}"));
            case OTHER -> c.respond(NOT_FOUND);
        }
    }

    /** Finishes every stream held now; the connections go on with their next request. */
    private void release() {
        FakeUpstreamConnection[] now = holding.toArray(FakeUpstreamConnection[]::new);
        holding.clear();
        for (FakeUpstreamConnection c : now) {
            if (c.holding) {
                unhold(c);
                c.send(FINISH, usage(c.tokens), DONE);
                c.responded();
            }
        }
    }

    /** A held stream ends (released, or its client went away). */
    void unhold(FakeUpstreamConnection c) {
        c.holding = false;
        held--;
    }

    /** Whether the body matches {@code "stream"\s*:\s*true}. */
    static boolean streamRequested(byte[] body, int from, int to) {
        byte[] key = {'"', 's', 't', 'r', 'e', 'a', 'm', '"'};
        for (int at = indexOf(body, from, to, key); at >= 0; at = indexOf(body, at + 1, to, key)) {
            int i = skipSpace(body, at + key.length, to);
            if (i < to && body[i] == ':') {
                i = skipSpace(body, i + 1, to);
                if (to - i >= 4 && body[i] == 't' && body[i + 1] == 'r' && body[i + 2] == 'u' && body[i + 3] == 'e') {
                    return true;
                }
            }
        }
        return false;
    }

    private static int skipSpace(byte[] b, int i, int to) {
        while (i < to
                && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' || b[i] == '\f' || b[i] == 0x0B)) {
            i++;
        }
        return i;
    }

    static int indexOf(byte[] b, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** What a request asks for, from its path. */
    enum Route {
        COMPLETIONS,
        RELEASE,
        STATS,
        OTHER
    }

    private static byte[] streamed() {
        StringBuilder s = new StringBuilder(SSE_HEAD).append(event(ROLE));
        for (String token : TOKENS) {
            s.append(event(token(token)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(s.toString()));
        out.writeBytes(FINISH);
        out.writeBytes(usage(TOKENS.length));
        out.writeBytes(DONE);
        return out.toByteArray();
    }

    private static byte[] usage(int tokens) {
        return ascii(event(
                "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"bench-model\","
                        + "\"choices\":[],\"usage\":" + usageJson(tokens) + "}"));
    }

    /** One SSE event as one chunk of a chunked body. */
    private static String event(String data) {
        String event = "data: " + data + "\n\n";
        return Integer.toHexString(event.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + event + "\r\n";
    }

    private static String token(String token) {
        return chunk("\"content\":\"" + token + "\"", null);
    }

    private static byte[] json(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ascii(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String chunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"bench-model\","
                + "\"choices\":[{\"index\":0,\"delta\":{" + delta + "},\"finish_reason\":" + finishReason + "}]}";
    }

    private static String completion() {
        return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"bench-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + CONTENT
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":" + usageJson(TOKENS.length) + "}";
    }

    private static String usageJson(int completionTokens) {
        return "{\"prompt_tokens\":12,\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                + (12 + completionTokens) + "}";
    }
}
