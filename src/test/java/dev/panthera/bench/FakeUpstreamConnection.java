package dev.panthera.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One keep-alive HTTP/1.1 connection of {@link ChatFakeUpstream}, used only by its selector thread:
 * parses the requests it reads in order (bodies by Content-Length or chunked), has the upstream
 * answer them, and keeps what the socket would not take at once until it is writable.
 */
final class FakeUpstreamConnection {

    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_INPUT = 4 * 1024 * 1024;
    private static final byte[] CONNECTION_CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.UTF_8);

    private final ChatFakeUpstream upstream;
    private final SocketChannel channel;
    private final SelectionKey key;

    /** Bytes read and not yet parsed: {@code in[0, inLength)}. */
    private byte[] in = new byte[1024];

    private int inLength;
    /** A chunked request body, decoded. */
    private byte[] decoded;

    private int decodedLength;
    /** Output the socket did not take yet (write mode), or null. */
    private ByteBuffer pending;

    private boolean closeRequested;
    private boolean closeAfterFlush;
    private boolean continued;
    private boolean closed;

    /** A held stream: waiting for /release, with {@code tokens} sent so far and the next one due then. */
    boolean holding;

    int tokens;
    long nextToken;

    FakeUpstreamConnection(ChatFakeUpstream upstream, SocketChannel channel, SelectionKey key) {
        this.upstream = upstream;
        this.channel = channel;
        this.key = key;
    }

    void readable() throws IOException {
        ByteBuffer buffer = upstream.readBuffer;
        buffer.clear();
        int n = channel.read(buffer);
        if (n < 0) {
            close();
            return;
        }
        if (n == 0 || closeAfterFlush) {
            return;
        }
        if (inLength + n > in.length) {
            if (inLength + n > MAX_INPUT) {
                close();
                return;
            }
            in = Arrays.copyOf(in, Math.max(in.length * 2, inLength + n));
        }
        buffer.flip();
        buffer.get(in, inLength, n);
        inLength += n;
        process();
    }

    void writable() throws IOException {
        pending.flip();
        channel.write(pending);
        if (pending.hasRemaining()) {
            pending.compact();
            return;
        }
        pending = null;
        key.interestOps(SelectionKey.OP_READ);
        if (closeAfterFlush) {
            close();
        }
    }

    /** Answers the complete requests read so far, in order, unless a held stream is open. */
    private void process() {
        int start = 0;
        while (!holding && !closeAfterFlush && !closed) {
            while (inLength - start >= 2 && in[start] == '\r' && in[start + 1] == '\n') {
                start += 2;
            }
            int end = request(start);
            if (end < 0) {
                break;
            }
            start = end;
        }
        if (start > 0 && !closed) {
            System.arraycopy(in, start, in, 0, inLength - start);
            inLength -= start;
        }
    }

    /** Answers the request at {@code start}, returning where it ends, or -1 while incomplete. */
    private int request(int start) {
        int headEnd = find(start, inLength, (byte) '\r', (byte) '\n', (byte) '\r', (byte) '\n');
        if (headEnd < 0) {
            if (inLength - start > MAX_HEAD) {
                bad();
            }
            return -1;
        }
        int lineEnd = find(start, headEnd + 2, (byte) '\r', (byte) '\n');
        int sp1 = find(start, lineEnd, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : find(sp1 + 1, lineEnd, (byte) ' ');
        if (sp2 < 0) {
            bad();
            return -1;
        }
        boolean post = sp1 - start == 4 && in[start] == 'P' && in[start + 1] == 'O' && in[start + 2] == 'S';
        boolean close = sp2 + 9 == lineEnd && in[lineEnd - 1] == '0' && in[lineEnd - 3] == '1';
        long length = 0;
        boolean chunked = false;
        boolean expect = false;
        for (int line = lineEnd + 2; line < headEnd; ) {
            int end = find(line, headEnd + 2, (byte) '\r', (byte) '\n');
            int colon = find(line, end, (byte) ':');
            if (colon > 0) {
                int value = colon + 1;
                if (named(line, colon, "content-length")) {
                    length = number(value, end);
                } else if (named(line, colon, "transfer-encoding")) {
                    chunked = has(value, end, "chunked");
                } else if (named(line, colon, "connection")) {
                    close = has(value, end, "close") || (close && !has(value, end, "keep-alive"));
                } else if (named(line, colon, "expect")) {
                    expect = has(value, end, "100-continue");
                }
            }
            line = end + 2;
        }
        int bodyStart = headEnd + 4;
        int end;
        if (chunked) {
            end = dechunk(bodyStart);
        } else if (length < 0 || length > MAX_INPUT) {
            end = -2;
        } else {
            end = inLength - bodyStart >= length ? bodyStart + (int) length : -1;
        }
        if (end == -2) {
            bad();
            return -1;
        }
        if (end < 0) {
            if (expect && !continued) {
                continued = true;
                send(ChatFakeUpstream.CONTINUE);
            }
            return -1;
        }
        continued = false;
        closeRequested = close;
        ChatFakeUpstream.Route route = route(sp1 + 1, sp2);
        if (chunked) {
            upstream.answer(this, post, route, decoded, 0, decodedLength);
        } else {
            upstream.answer(this, post, route, in, bodyStart, end);
        }
        return end;
    }

    /** Decodes the chunked body at {@code at}, returning where it ends, -1 while incomplete, -2 if bad. */
    private int dechunk(int at) {
        decodedLength = 0;
        while (true) {
            int lineEnd = find(at, inLength, (byte) '\r', (byte) '\n');
            if (lineEnd < 0) {
                return -1;
            }
            int size = 0;
            int digits = 0;
            for (int i = at; i < lineEnd && Character.digit(in[i], 16) >= 0; i++, digits++) {
                size = size * 16 + Character.digit(in[i], 16);
                if (size > MAX_INPUT) {
                    return -2;
                }
            }
            if (digits == 0) {
                return -2;
            }
            at = lineEnd + 2;
            if (size == 0) {
                for (int end; (end = find(at, inLength, (byte) '\r', (byte) '\n')) >= 0; at = end + 2) {
                    if (end == at) {
                        return at + 2;
                    }
                }
                return -1;
            }
            if (inLength - at < size + 2) {
                return -1;
            }
            if (decoded == null || decoded.length < decodedLength + size) {
                decoded = Arrays.copyOf(
                        decoded == null ? new byte[0] : decoded, Math.max(1024, 2 * (decodedLength + size)));
            }
            System.arraycopy(in, at, decoded, decodedLength, size);
            decodedLength += size;
            at += size + 2;
        }
    }

    private ChatFakeUpstream.Route route(int from, int to) {
        int query = find(from, to, (byte) '?');
        if (query >= 0) {
            to = query;
        }
        if (to - from >= 17 && ends(to, "/chat/completions")) {
            return ChatFakeUpstream.Route.COMPLETIONS;
        }
        if (to - from == 8 && ends(to, "/release")) {
            return ChatFakeUpstream.Route.RELEASE;
        }
        if (to - from == 6 && ends(to, "/stats")) {
            return ChatFakeUpstream.Route.STATS;
        }
        return ChatFakeUpstream.Route.OTHER;
    }

    /** Sends a whole response, with {@code Connection: close} after the status line if the request asked. */
    void respond(byte[] response) {
        if (closeRequested) {
            int line = ChatFakeUpstream.indexOf(response, 0, response.length, new byte[] {'\r', '\n'}) + 2;
            send(
                    Arrays.copyOfRange(response, 0, line),
                    CONNECTION_CLOSE,
                    Arrays.copyOfRange(response, line, response.length));
        } else {
            send(response);
        }
        if (!holding) {
            ended();
        }
    }

    /** A held stream was finished: go on with the requests read meanwhile. */
    void responded() {
        ended();
        if (!closeAfterFlush && !closed) {
            process();
        }
    }

    private void ended() {
        if (closeRequested) {
            closeAfterFlush = true;
            if (pending == null) {
                close();
            }
        }
    }

    /** Writes at once what the socket takes (through the shared buffer), keeps the rest for OP_WRITE. */
    void send(byte[]... parts) {
        if (closed) {
            return;
        }
        if (pending != null) {
            for (byte[] part : parts) {
                keep(ByteBuffer.wrap(part));
            }
            return;
        }
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        ByteBuffer out =
                total <= upstream.writeBuffer.capacity() ? upstream.writeBuffer.clear() : ByteBuffer.allocate(total);
        for (byte[] part : parts) {
            out.put(part);
        }
        out.flip();
        try {
            channel.write(out);
        } catch (IOException e) {
            close();
            return;
        }
        if (out.hasRemaining()) {
            keep(out);
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private void keep(ByteBuffer bytes) {
        if (pending == null) {
            pending = ByteBuffer.allocate(Math.max(4096, bytes.remaining()));
        } else if (pending.remaining() < bytes.remaining()) {
            ByteBuffer bigger =
                    ByteBuffer.allocate(Math.max(2 * pending.capacity(), pending.position() + bytes.remaining()));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(bytes);
    }

    private void bad() {
        closeRequested = true;
        respond(ChatFakeUpstream.BAD_REQUEST);
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (holding) {
            upstream.unhold(this);
        }
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            // gone anyway
        }
    }

    /** Where {@code what} starts in {@code in[from, to)}, or -1. */
    private int find(int from, int to, byte... what) {
        return ChatFakeUpstream.indexOf(in, from, to, what);
    }

    private boolean named(int from, int to, String name) {
        while (to > from && in[to - 1] == ' ') {
            to--;
        }
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase(in[from + i]) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean has(int from, int to, String word) {
        outer:
        for (int i = from; i <= to - word.length(); i++) {
            for (int j = 0; j < word.length(); j++) {
                if (Character.toLowerCase(in[i + j]) != word.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private boolean ends(int to, String suffix) {
        for (int i = 0; i < suffix.length(); i++) {
            if (in[to - suffix.length() + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private long number(int from, int to) {
        long n = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            byte b = in[i];
            if (b >= '0' && b <= '9') {
                n = n * 10 + (b - '0');
                digits++;
                if (n > MAX_INPUT) {
                    return -1;
                }
            } else if (b != ' ' && b != '\t') {
                return -1;
            }
        }
        return digits == 0 ? -1 : n;
    }
}
