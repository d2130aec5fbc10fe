package dev.panthera.chat.web;

import dev.panthera.chat.web.SseEvent.Done;
import dev.panthera.chat.web.SseEvent.Failed;
import dev.panthera.chat.web.SseEvent.Token;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.springframework.http.HttpStatus;

/**
 * Relays a model stream onto a {@code text/event-stream} response with servlet async, so an open
 * stream holds no thread: the request's thread waits for the first event (at most one {@link
 * #HEARTBEAT}), commits the response and returns; later events are written by whichever thread
 * delivers them, one at a time. A comment line goes out while the model is silent (so a client that
 * left is noticed, see {@link SseHeartbeats}), a stream silent for {@link #IDLE} is abandoned, and the
 * model is cancelled when the client goes away. A model that fails before its first event answers
 * with a real status. How events look on the wire is the caller's {@link Frames}; writing them, and
 * the heartbeats, is {@link SseOutput}'s, under this relay's lock.
 */
final class SseRelay<C> implements AsyncListener {

    /** The longest a stream may stay silent before it is abandoned. */
    static final Duration IDLE = Duration.ofMinutes(5);

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** What the stream reports, in the order it happens. */
    interface Sink<C> {
        void token(String token);

        void complete(C completion);

        void error(PantheraException error);
    }

    /** The frames of one response; each writes and flushes. */
    interface Frames<C> {
        void token(OutputStream out, String token) throws IOException;

        void done(OutputStream out, C completion) throws IOException;

        void error(OutputStream out, PantheraException error) throws IOException;
    }

    private final SseOutput<C> output;
    /** Serializes writes: the model's thread, the heartbeat and the request's thread may all write. */
    private final ReentrantLock lock = new ReentrantLock();

    private final Condition arrived = lock.newCondition();
    /** Events before the response is live; null once it is. */
    private ArrayDeque<SseEvent<C>> pending = new ArrayDeque<>(2);

    private Runnable cancel;

    private SseRelay(Frames<C> frames) {
        this.output = new SseOutput<>(frames);
    }

    /** {@code start} begins the stream, feeding the sink, and returns what cancels it. */
    static <C> void relay(
            HttpServletRequest request,
            HttpServletResponse response,
            Function<Sink<C>, Runnable> start,
            Frames<C> frames)
            throws IOException {
        SseRelay<C> relay = new SseRelay<>(frames);
        relay.cancel = start.apply(new Sink<>() {
            @Override
            public void token(String token) {
                relay.offer(new Token<>(token));
            }

            @Override
            public void complete(C completion) {
                relay.offer(new Done<>(completion));
            }

            @Override
            public void error(PantheraException error) {
                relay.offer(new Failed<>(error));
            }
        });
        relay.open(request, response);
    }

    /**
     * Waits for the first event, if it comes within one {@link #HEARTBEAT}: a model that fails at once
     * (a 429, an open breaker, retries spent) is then answered with a real status and {@code
     * Retry-After} that SDKs act on, instead of an error event after a 200. Then goes live.
     */
    private void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        lock.lock();
        try {
            long left = HEARTBEAT.toNanos();
            while (pending.isEmpty() && left > 0) {
                left = arrived.awaitNanos(left);
            }
            if (pending.peek() instanceof Failed<C> f) {
                // nothing is committed yet: answer as an ordinary problem, with its status and Retry-After
                output.endBeforeLive();
                throw f.error();
            }
        } catch (InterruptedException e) {
            output.endBeforeLive();
            Thread.currentThread().interrupt();
            cancel.run();
            throw new PantheraException(ProblemCode.UPSTREAM_UNAVAILABLE, "The request was interrupted");
        } finally {
            lock.unlock();
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream stream = response.getOutputStream();
        AsyncContext context = request.startAsync();
        context.setTimeout(0); // the relay's own idle limit applies, not the container's 30 s
        context.addListener(this);
        boolean gone;
        lock.lock();
        try {
            output.live(stream, context);
            ArrayDeque<SseEvent<C>> queued = pending;
            pending = null;
            // no event within the first heartbeat: that heartbeat is due now
            gone = queued.isEmpty() ? !output.heartbeat() : !output.writeAll(queued);
        } finally {
            lock.unlock();
        }
        if (gone) {
            cancel.run();
        } else {
            scheduleBeat(HEARTBEAT.toNanos());
        }
    }

    /** A heartbeat turn in {@code delayNanos}, unless the stream has ended meanwhile. */
    private void scheduleBeat(long delayNanos) {
        lock.lock();
        try {
            if (!output.ended()) {
                output.awaitBeat(SseHeartbeats.schedule(this, delayNanos));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs one heartbeat turn ({@link SseOutput#beat}) and schedules the next while the stream is open;
     * a turn that ended the stream cancels the model.
     */
    void beatTurn() {
        long next;
        lock.lock();
        try {
            if (output.ended()) {
                return;
            }
            next = output.beat();
        } finally {
            lock.unlock();
        }
        if (next < 0) {
            cancel.run();
        } else {
            scheduleBeat(next);
        }
    }

    private void offer(SseEvent<C> event) {
        boolean gone;
        lock.lock();
        try {
            if (output.ended()) {
                return;
            }
            if (pending != null) {
                pending.add(event);
                arrived.signalAll();
                return;
            }
            gone = !output.write(event);
        } finally {
            lock.unlock();
        }
        if (gone) {
            cancel.run();
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        boolean stop;
        lock.lock();
        try {
            stop = !output.ended();
            if (stop) {
                output.end();
            }
        } finally {
            lock.unlock();
        }
        if (stop) {
            cancel.run(); // the connection broke: stop the model (the chat service then stores nothing)
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        onError(event);
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
}
