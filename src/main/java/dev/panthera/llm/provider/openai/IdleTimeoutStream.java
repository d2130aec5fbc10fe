package dev.panthera.llm.provider.openai;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A response body that gives up when the upstream sends nothing for {@code timeout}: the JDK
 * client's request timeout ends with the response headers, and a model that stalls after them
 * (before its first token or mid-answer) must not hold the stream open forever. The watchdog
 * closes the stream and interrupts its reader, and the read reports an {@link HttpTimeoutException}.
 */
final class IdleTimeoutStream extends FilterInputStream {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("llm-stream-watchdog").daemon().factory());

    private final long timeoutNanos;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean timedOut;
    private volatile boolean closed;
    private volatile Thread reader;

    IdleTimeoutStream(InputStream in, Duration timeout) {
        super(in);
        this.timeoutNanos = timeout.toNanos();
        watch(timeoutNanos);
    }

    private void watch(long delayNanos) {
        WATCHDOG.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (closed) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle < timeoutNanos) {
            watch(timeoutNanos - idle);
            return;
        }
        timedOut = true;
        try {
            close();
        } catch (IOException ignored) {
            // closing is all we wanted; the reader sees the timeout
        }
        // A read blocked waiting for data is not woken by close; the reader is this stream's own thread.
        Thread blocked = reader;
        if (blocked != null) {
            blocked.interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        reader = Thread.currentThread();
        try {
            int b = super.read();
            lastActivity = System.nanoTime();
            return b;
        } catch (IOException e) {
            throw timedOut ? timeout() : e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        reader = Thread.currentThread();
        try {
            int n = super.read(buffer, offset, length);
            lastActivity = System.nanoTime();
            return n;
        } catch (IOException e) {
            throw timedOut ? timeout() : e;
        }
    }

    private HttpTimeoutException timeout() {
        return new HttpTimeoutException("no data from the upstream within " + timeoutNanos / 1_000_000 + " ms");
    }

    @Override
    public void close() throws IOException {
        closed = true;
        super.close();
    }
}
