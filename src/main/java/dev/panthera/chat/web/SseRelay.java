package dev.panthera.chat.web;

import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.http.HttpStatus;

/**
 * Relays a model stream onto a {@code text/event-stream} response from the request's own
 * (virtual) thread: events are written as they come, a comment line goes out while the model is
 * silent (so a client that left is noticed), a stream silent for {@link #IDLE} is abandoned, and
 * the model is cancelled when the client goes away. The response is committed only once the first
 * event is in (or a heartbeat is due), so a model that fails at once answers with a real status. How
 * events look on the wire is the caller's {@link Frames}: Panthera's chat events or OpenAI's chunks.
 */
final class SseRelay {

    /** The longest a stream may stay silent before it is abandoned. */
    static final Duration IDLE = Duration.ofMinutes(5);

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private SseRelay() {}

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

    private sealed interface Event<C> {}

    private record Token<C>(String content) implements Event<C> {}

    private record Done<C>(C completion) implements Event<C> {}

    private record Failed<C>(PantheraException error) implements Event<C> {}

    /**
     * The first event, if it comes within one {@link #HEARTBEAT}: a model that fails at once (a 429,
     * an open breaker, retries spent) is then answered with a real status and {@code Retry-After}
     * that SDKs act on, instead of an error event after a 200. Null when the model is slower.
     */
    private static <C> Event<C> awaitFirst(BlockingQueue<Event<C>> events, Runnable cancel) {
        try {
            return events.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            cancel.run();
            Thread.currentThread().interrupt();
            throw new PantheraException(ProblemCode.UPSTREAM_UNAVAILABLE, "The request was interrupted");
        }
    }

    /** {@code start} begins the stream, feeding the sink, and returns what cancels it. */
    static <C> void relay(HttpServletResponse response, Function<Sink<C>, Runnable> start, Frames<C> frames)
            throws IOException {
        BlockingQueue<Event<C>> events = new LinkedBlockingQueue<>();
        Runnable cancel = start.apply(new Sink<>() {
            @Override
            public void token(String token) {
                events.add(new Token<>(token));
            }

            @Override
            public void complete(C completion) {
                events.add(new Done<>(completion));
            }

            @Override
            public void error(PantheraException error) {
                events.add(new Failed<>(error));
            }
        });
        Event<C> first = awaitFirst(events, cancel);
        if (first instanceof Failed<C> f) {
            // nothing is committed yet: answer as an ordinary problem, with its status and Retry-After
            throw f.error();
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        try {
            long silentSince = System.nanoTime();
            boolean firstRound = true;
            while (true) {
                // the first round's wait was awaitFirst's: a null there is a heartbeat due now
                Event<C> event = firstRound ? first : events.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                firstRound = false;
                if (event == null && System.nanoTime() - silentSince < IDLE.toNanos()) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                silentSince = System.nanoTime();
                if (event == null) {
                    cancel.run();
                    frames.error(
                            out,
                            new PantheraException(
                                    ProblemCode.UPSTREAM_UNAVAILABLE,
                                    "The model sent nothing for " + IDLE.toMinutes() + " minutes"));
                    return;
                }
                switch (event) {
                    case Token<C> t -> frames.token(out, t.content());
                    case Done<C> d -> {
                        frames.done(out, d.completion());
                        return;
                    }
                    case Failed<C> f -> {
                        frames.error(out, f.error());
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // the client went away: stop the model (the chat service then stores nothing)
            cancel.run();
        } catch (InterruptedException e) {
            cancel.run();
            Thread.currentThread().interrupt();
        }
    }
}
