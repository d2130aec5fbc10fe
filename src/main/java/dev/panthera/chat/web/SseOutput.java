package dev.panthera.chat.web;

import dev.panthera.chat.web.SseEvent.Done;
import dev.panthera.chat.web.SseEvent.Failed;
import dev.panthera.chat.web.SseEvent.Token;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Future;

/**
 * The client's side of one {@link SseRelay}: writes its events and heartbeats, keeps the times they
 * went out, and ends the response once, taking the pending heartbeat turn with it (a turn left in
 * {@link SseHeartbeats} holds the whole stream). Kept apart from the relay's hand-off (waiting for
 * the first event, routing, cancelling the model) so what goes on the wire, and when, reads in one
 * place. It has no lock of its own: every method runs under the relay's, which serializes the model's
 * thread, the heartbeat and the request's thread.
 */
final class SseOutput<C> {

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final SseRelay.Frames<C> frames;
    private OutputStream out;
    private AsyncContext async;
    private boolean ended;
    /** The pending heartbeat turn, cancelled when the stream ends. */
    private Future<?> nextBeat;

    private long lastEvent = System.nanoTime();
    private long lastWrite;

    SseOutput(SseRelay.Frames<C> frames) {
        this.frames = frames;
    }

    /** The response is committed and async: events may be written from now on. */
    void live(OutputStream stream, AsyncContext context) {
        out = stream;
        async = context;
    }

    boolean ended() {
        return ended;
    }

    /** Ends the stream before it went live: there is no async response to complete. */
    void endBeforeLive() {
        ended = true;
    }

    /** Keeps the stream's pending heartbeat turn, so that ending the stream cancels it. */
    void awaitBeat(Future<?> beat) {
        nextBeat = beat;
    }

    boolean writeAll(ArrayDeque<SseEvent<C>> events) {
        for (SseEvent<C> event : events) {
            if (!write(event)) {
                return false;
            }
        }
        return true;
    }

    /** Writes one event; false when the client has gone. */
    boolean write(SseEvent<C> event) {
        if (ended) {
            return true;
        }
        lastEvent = System.nanoTime();
        lastWrite = lastEvent;
        try {
            switch (event) {
                case Token<C> t -> frames.token(out, t.content());
                case Done<C> d -> {
                    frames.done(out, d.completion());
                    end();
                }
                case Failed<C> f -> {
                    frames.error(out, f.error());
                    end();
                }
            }
            return true;
        } catch (IOException e) {
            end();
            return false;
        }
    }

    /**
     * The heartbeat's turn on a stream that has not ended: a comment line when nothing went out for a
     * {@link SseRelay#HEARTBEAT}, or, after {@link SseRelay#IDLE} without an event, an error and the
     * end. Returns the nanoseconds until the next turn, or a negative number when this turn ended the
     * stream (the client is gone or the model is abandoned).
     */
    long beat() {
        long now = System.nanoTime();
        if (now - lastEvent >= SseRelay.IDLE.toNanos()) {
            write(new Failed<>(new PantheraException(
                    ProblemCode.UPSTREAM_UNAVAILABLE,
                    "The model sent nothing for " + SseRelay.IDLE.toMinutes() + " minutes")));
            return -1; // the model is abandoned either way
        }
        long silent = now - lastWrite;
        if (silent >= SseRelay.HEARTBEAT.toNanos()) {
            return heartbeat() ? SseRelay.HEARTBEAT.toNanos() : -1;
        }
        return SseRelay.HEARTBEAT.toNanos() - silent;
    }

    /** Writes a comment line; false when the client has gone. */
    boolean heartbeat() {
        lastWrite = System.nanoTime();
        try {
            out.write(KEEP_ALIVE);
            out.flush();
            return true;
        } catch (IOException e) {
            end();
            return false;
        }
    }

    /** Ends the response; completing a response whose client left only frees it. */
    void end() {
        ended = true;
        if (nextBeat != null) {
            nextBeat.cancel(false);
            nextBeat = null;
        }
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // the container ended it first (client gone, error)
        }
    }
}
