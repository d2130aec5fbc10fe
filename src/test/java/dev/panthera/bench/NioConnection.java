package dev.panthera.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection of {@link NioLoad}, one request in flight at a time: writes the
 * target's prebuilt request and parses the answer with a state machine over a reusable buffer
 * (status line, headers, then a fixed-length, chunked or read-to-EOF body). The de-chunked body is
 * scanned as it arrives, byte by byte, without building strings: for {@code "choices"} (JSON) or,
 * line by line, for the first {@code data:} line with a non-empty content delta and for
 * {@code data: [DONE]} (SSE). Used by the selector thread only.
 */
final class NioConnection {

    private static final int STATUS = 0;
    private static final int HEADERS = 1;
    private static final int FIXED = 2;
    private static final int CHUNK_SIZE = 3;
    private static final int CHUNK_DATA = 4;
    private static final int CHUNK_END = 5;
    private static final int TRAILERS = 6;
    private static final int TO_EOF = 7;
    private static final int COMPLETE = 8;

    private static final Needle CHOICES = new Needle("\"choices\"");
    private static final Needle CONTENT = new Needle("\"content\":\"");
    private static final byte[] DONE = ascii("data: [DONE]");
    private static final byte[] HTTP = ascii("HTTP/1.");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");

    final NioLoad.Pool pool;
    final SocketChannel channel;
    final SelectionKey key;
    /** The target's request bytes, shared read-only; rewound for each request. */
    final ByteBuffer out;

    private final boolean stream;
    /** The read buffer, lent by the pool while a request is in flight. */
    ByteBuffer in;

    NioLoad.Request request;
    /** Answers completed on this connection (a reused one may have been closed by the server meanwhile). */
    int served;
    /** Whether any byte of the current answer came. */
    boolean gotBytes;

    private int state;
    private int status;
    private long remaining;
    private boolean hasLength;
    private boolean chunked;
    boolean close;

    // body scan
    private int choices;
    private boolean hasChoices;
    private int column;
    private int prefix;
    private int content;
    private boolean contentOpen;
    long firstAt = -1;
    private boolean done;
    private final byte[] snippet = new byte[200];
    private int snippetLength;

    NioConnection(NioLoad.Pool pool, SocketChannel channel, SelectionKey key, boolean stream) {
        this.pool = pool;
        this.channel = channel;
        this.key = key;
        this.stream = stream;
        this.out = pool.request.duplicate();
    }

    /** Takes a request: the parser starts afresh. */
    void start(NioLoad.Request request, ByteBuffer in) {
        this.request = request;
        this.in = in;
        out.clear();
        gotBytes = false;
        state = STATUS;
        status = 0;
        remaining = 0;
        hasLength = false;
        chunked = false;
        close = false;
        choices = 0;
        hasChoices = false;
        column = 0;
        prefix = 0;
        content = 0;
        contentOpen = false;
        firstAt = -1;
        done = false;
        snippetLength = 0;
    }

    /** Parses what {@code in} (flipped) holds; true once the answer is complete. */
    boolean parse(long now) throws IOException {
        gotBytes = true;
        byte[] a = in.array();
        int pos = in.position();
        int limit = in.limit();
        try {
            while (true) {
                switch (state) {
                    case FIXED, CHUNK_DATA -> {
                        int n = (int) Math.min(remaining, limit - pos);
                        body(a, pos, n, now);
                        pos += n;
                        remaining -= n;
                        if (remaining > 0) {
                            return false;
                        }
                        state = state == FIXED ? COMPLETE : CHUNK_END;
                    }
                    case TO_EOF -> {
                        body(a, pos, limit - pos, now);
                        pos = limit;
                        return false;
                    }
                    case COMPLETE -> {
                        return true;
                    }
                    default -> {
                        int lf = pos;
                        while (lf < limit && a[lf] != '\n') {
                            lf++;
                        }
                        if (lf == limit) {
                            if (pos == 0 && limit == a.length) {
                                throw new IOException("response line longer than " + a.length + " bytes");
                            }
                            return false;
                        }
                        line(a, pos, lf > pos && a[lf - 1] == '\r' ? lf - 1 : lf);
                        pos = lf + 1;
                    }
                }
            }
        } finally {
            in.position(pos);
        }
    }

    /** The connection reached EOF: true if that ends the answer (no length given), false if it cut it short. */
    boolean endOfStream() {
        if (state == TO_EOF) {
            state = COMPLETE;
            return true;
        }
        return false;
    }

    /** Why the complete answer is a failure, or null. */
    String verdict() {
        if (status != 200) {
            return "HTTP " + status + " " + snippet();
        }
        if (!stream) {
            return hasChoices ? null : "no \"choices\" in " + snippet();
        }
        if (firstAt < 0 || !done) {
            return "stream: first token " + (firstAt >= 0) + ", [DONE] " + done;
        }
        return null;
    }

    private String snippet() {
        return new String(snippet, 0, snippetLength, StandardCharsets.UTF_8);
    }

    private void line(byte[] a, int from, int to) throws IOException {
        switch (state) {
            case STATUS -> {
                if (to - from < 12 || !startsWith(a, from, HTTP)) {
                    throw new IOException("bad status line: " + new String(a, from, to - from, StandardCharsets.UTF_8));
                }
                status = (a[from + 9] - '0') * 100 + (a[from + 10] - '0') * 10 + (a[from + 11] - '0');
                close = a[from + 7] == '0'; // HTTP/1.0
                state = HEADERS;
            }
            case HEADERS -> {
                if (from < to) {
                    header(a, from, to);
                } else if (status / 100 == 1) {
                    state = STATUS; // an interim answer: the real one follows
                } else if (status == 204 || status == 304) {
                    state = COMPLETE;
                } else if (chunked) {
                    state = CHUNK_SIZE;
                } else if (hasLength) {
                    state = remaining == 0 ? COMPLETE : FIXED;
                } else {
                    state = TO_EOF;
                    close = true;
                }
            }
            case CHUNK_SIZE -> {
                long size = 0;
                int i = from;
                for (; i < to; i++) {
                    int digit = Character.digit(a[i], 16);
                    if (digit < 0) {
                        break;
                    }
                    size = size * 16 + digit;
                }
                if (i == from || size < 0) {
                    throw new IOException("bad chunk size line");
                }
                remaining = size;
                state = size == 0 ? TRAILERS : CHUNK_DATA;
            }
            case CHUNK_END -> {
                if (from != to) {
                    throw new IOException("no CRLF after a chunk");
                }
                state = CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (from == to) {
                    state = COMPLETE;
                }
            }
            default -> throw new IllegalStateException("line in state " + state);
        }
    }

    private void header(byte[] a, int from, int to) throws IOException {
        int colon = from;
        while (colon < to && a[colon] != ':') {
            colon++;
        }
        int v = colon + 1;
        while (v < to && (a[v] == ' ' || a[v] == '\t')) {
            v++;
        }
        if (nameIs(a, from, colon, CONTENT_LENGTH)) {
            long length = 0;
            int i = v;
            for (; i < to && a[i] >= '0' && a[i] <= '9'; i++) {
                length = length * 10 + (a[i] - '0');
            }
            if (i == v) {
                throw new IOException("bad Content-Length");
            }
            hasLength = true;
            remaining = length;
        } else if (nameIs(a, from, colon, TRANSFER_ENCODING)) {
            chunked |= contains(a, v, to, CHUNKED);
        } else if (nameIs(a, from, colon, CONNECTION)) {
            close |= contains(a, v, to, CLOSE);
        }
    }

    private void body(byte[] a, int from, int n, long now) {
        int copy = Math.min(n, snippet.length - snippetLength);
        System.arraycopy(a, from, snippet, snippetLength, copy);
        snippetLength += copy;
        if (!stream) {
            for (int i = from; i < from + n && !hasChoices; i++) {
                choices = CHOICES.next(choices, a[i]);
                hasChoices = choices == CHOICES.length();
            }
            return;
        }
        for (int i = from; i < from + n; i++) {
            byte b = a[i];
            if (b == '\n' || b == '\r') {
                column = 0;
                prefix = 0;
                content = 0;
                contentOpen = false;
                continue;
            }
            if (column++ == prefix && prefix < DONE.length && b == DONE[prefix]) {
                if (++prefix == DONE.length) {
                    done = true;
                }
                continue;
            }
            // ChatLoad.CONTENT: ^data:.*"content":"[^"]
            if (firstAt >= 0 || prefix < 5) {
                continue;
            }
            if (contentOpen && b != '"') {
                firstAt = now;
                continue;
            }
            content = CONTENT.next(content, b);
            contentOpen = content == CONTENT.length();
        }
    }

    private static boolean nameIs(byte[] a, int from, int to, byte[] lower) {
        if (to - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            if ((a[from + i] | 0x20) != lower[i] && a[from + i] != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] a, int from, int to, byte[] lower) {
        for (int i = from; i + lower.length <= to; i++) {
            if (nameIs(a, i, i + lower.length, lower)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] a, int from, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (a[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A streaming substring matcher (Knuth–Morris–Pratt): the state is how much of the needle matched. */
    static final class Needle {
        private final byte[] needle;
        private final int[] fallback;

        Needle(String text) {
            needle = ascii(text);
            fallback = new int[needle.length];
            for (int i = 1, k = 0; i < needle.length; i++) {
                while (k > 0 && needle[i] != needle[k]) {
                    k = fallback[k - 1];
                }
                if (needle[i] == needle[k]) {
                    k++;
                }
                fallback[i] = k;
            }
        }

        int length() {
            return needle.length;
        }

        /** The state after {@code b}; {@link #length()} means the needle just matched. */
        int next(int matched, byte b) {
            int k = matched == needle.length ? fallback[matched - 1] : matched;
            while (k > 0 && b != needle[k]) {
                k = fallback[k - 1];
            }
            return b == needle[k] ? k + 1 : k;
        }
    }
}
