package dev.panthera.llm.provider.openai;

import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParsingHandle;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parses an upstream {@code text/event-stream} as the JDK client pushes its bytes, instead of
 * LangChain4j's blocking {@code BufferedReader} on a reader thread: an open stream then holds no
 * thread and no 16 KB reader buffers, only this object, its line buffer and the connection. Events
 * are built as LangChain4j's {@code DefaultServerSentEventParser} builds them ({@code event:},
 * {@code data:} lines, a blank line dispatches) and go to the same listener. A non-2xx answer is
 * read up to 8 KB and reported as an {@link UpstreamHttpException}. Exactly one of close and error
 * is reported, never after a cancel; all listener calls are serialized.
 */
final class SseBodySubscriber implements BodySubscriber<Void>, ServerSentEventParsingHandle {

    private static final int MAX_ERROR_BODY = 8192;
    /** A line buffer grown past this for a long event is dropped after it, not kept for the stream. */
    private static final int KEPT_LINE_CAPACITY = 1024;

    private final ServerSentEventListener listener;
    private final ServerSentEventContext context = new ServerSentEventContext(this);
    private final IdleWatch idle;
    private final CompletableFuture<Void> body = new CompletableFuture<>();
    private final ReentrantLock delivery = new ReentrantLock();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<?> exchange;
    private int status;
    private HttpHeaders headers;

    private byte[] line = new byte[128];
    private int length;
    private boolean afterCarriageReturn;
    private String eventName;
    private final StringBuilder data = new StringBuilder();

    SseBodySubscriber(ServerSentEventListener listener, Duration timeout) {
        this.listener = listener;
        this.idle = new IdleWatch(timeout, this::timedOut);
    }

    /**
     * The exchange the client runs for this body: cancelling it aborts the exchange and closes the
     * connection even when the body's subscription is not yet (or no longer) there to cancel.
     */
    void exchange(CompletableFuture<?> running) {
        exchange = running;
        if (cancelled) {
            running.cancel(true);
        }
    }

    /** The body handler: remembers the status and, for a 2xx, tells the listener the stream is open. */
    BodySubscriber<Void> open(ResponseInfo info) {
        status = info.statusCode();
        headers = info.headers();
        if (ok()) {
            deliver(() -> listener.onOpen(SuccessfulHttpResponse.builder()
                    .statusCode(status)
                    .headers(headers.map())
                    .build()));
        }
        idle.start();
        return this;
    }

    private boolean ok() {
        return status / 100 == 2;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled || finished.get()) { // cancelled, or timed out, before the body began
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        idle.touch();
        delivery.lock();
        try {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining() && !cancelled && !finished.get()) {
                    accept(buffer.get());
                }
            }
        } finally {
            delivery.unlock();
        }
        if (!ok() && length >= MAX_ERROR_BODY) {
            subscription.cancel();
            onComplete();
            return;
        }
        if (!cancelled && !finished.get()) {
            subscription.request(1);
        }
    }

    private void accept(byte b) {
        if (!ok()) {
            if (length < MAX_ERROR_BODY) {
                append(b);
            }
            return;
        }
        if (b == '\n' && afterCarriageReturn) {
            afterCarriageReturn = false;
            return;
        }
        afterCarriageReturn = b == '\r';
        if (b == '\n' || b == '\r') {
            endLine();
        } else {
            append(b);
        }
    }

    private void append(byte b) {
        if (length == line.length) {
            line = java.util.Arrays.copyOf(line, line.length * 2);
        }
        line[length++] = b;
    }

    /** UTF-8 never has a CR or LF inside a multi-byte character, so splitting bytes on them is safe. */
    private void endLine() {
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        length = 0;
        if (line.length > KEPT_LINE_CAPACITY) {
            line = new byte[128];
        }
        if (text.isEmpty()) {
            dispatch();
        } else if (text.startsWith("event:")) {
            eventName = text.substring("event:".length()).trim();
        } else if (text.startsWith("data:")) {
            String content = text.substring("data:".length());
            if (!data.isEmpty()) {
                data.append('\n');
            }
            data.append(content.startsWith(" ") ? content.substring(1) : content);
        }
    }

    private void dispatch() {
        if (!data.isEmpty()) {
            ReleasedEvent event = new ReleasedEvent(eventName, data.toString());
            try {
                listener.onEvent(event, context);
            } catch (RuntimeException ignored) {
                // as LangChain4j's parser: a failing listener does not end the stream
            } finally {
                event.release();
            }
        }
        eventName = null;
        data.setLength(0);
    }

    @Override
    public void onComplete() {
        deliver(() -> {
            if (!ok()) {
                String text = new String(line, 0, Math.min(length, MAX_ERROR_BODY), StandardCharsets.UTF_8);
                finish(() -> listener.onError(UpstreamHttpClient.failure(status, text, headers)));
                return;
            }
            if (length > 0) {
                endLine();
            }
            if (!cancelled) {
                dispatch();
            }
            finish(listener::onClose);
        });
        body.complete(null);
    }

    @Override
    public void onError(Throwable error) {
        fail(error);
        body.completeExceptionally(error);
    }

    /** A failure before or while reading the body: reported once, unless cancelled. */
    void fail(Throwable error) {
        deliver(() -> finish(() -> listener.onError(error)));
    }

    private void timedOut(Duration timeout) {
        fail(new HttpTimeoutException("no data from the upstream within " + timeout.toMillis() + " ms"));
        drop(); // after the report, so the cancel's own error is not the one reported
    }

    private void finish(Runnable report) {
        if (!cancelled && finished.compareAndSet(false, true)) {
            idle.stop();
            report.run();
        }
    }

    private void deliver(Runnable action) {
        delivery.lock();
        try {
            action.run();
        } finally {
            delivery.unlock();
        }
    }

    @Override
    public CompletionStage<Void> getBody() {
        return body;
    }

    /** LangChain4j's cancel: stop reading and drop the connection, so the upstream stops generating. */
    @Override
    public void cancel() {
        cancelled = true;
        idle.stop();
        drop();
    }

    /** Stops reading and closes the connection, so the upstream stops generating. */
    private void drop() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        CompletableFuture<?> running = exchange;
        if (running != null) {
            running.cancel(true);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * An event whose text is dropped once the listener has read it. LangChain4j's streaming model keeps
     * every raw event of a stream until the stream ends, for response metadata Panthera never reads;
     * for a long answer those copies of every chunk's JSON were most of an open stream's memory.
     */
    static final class ReleasedEvent extends ServerSentEvent {
        private String data;

        ReleasedEvent(String event, String data) {
            super(event, null);
            this.data = data;
        }

        @Override
        public String data() {
            return data;
        }

        void release() {
            data = null;
        }
    }
}
