package dev.panthera.llm.internal;

import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.llm.spi.ModelCallException;
import dev.panthera.shared.PantheraException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One streamed call with its retries. Before the first token a retryable failure starts a fresh
 * attempt after the backoff; after it, the failure goes to the listener (the client already shows
 * part of an answer, and a retry would repeat it). Cancelling stops the current attempt and any
 * pending retry, and the listener hears nothing more.
 */
final class GuardedStream implements StreamHandle {

    private final GuardedProvider guard;
    private final ModelRequest request;
    private final ModelStreamListener listener;
    private volatile boolean cancelled;
    private volatile StreamHandle current;
    private volatile Attempt running;

    GuardedStream(GuardedProvider guard, ModelRequest request, ModelStreamListener listener) {
        this.guard = guard;
        this.request = request;
        this.listener = listener;
    }

    void start() {
        attempt(0);
    }

    private void attempt(int number) {
        if (cancelled) {
            return;
        }
        try {
            guard.permit();
        } catch (ModelCallException e) {
            listener.onError(e);
            return;
        }
        Attempt attempt = new Attempt(number, System.nanoTime());
        running = attempt;
        current = guard.provider().stream(request, attempt);
        if (cancelled) {
            current.cancel();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        StreamHandle handle = current;
        if (handle != null) {
            handle.cancel();
        }
        Attempt attempt = running;
        if (attempt != null && attempt.settle()) {
            // Neither success nor failure: hand the breaker its permission back (matters half-open).
            guard.breaker().releasePermission();
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /** The listener of one attempt; it ignores everything once the stream is cancelled. */
    private final class Attempt implements ModelStreamListener {
        private final int number;
        private final long start;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile boolean sawToken;

        Attempt(int number, long start) {
            this.number = number;
            this.start = start;
        }

        @Override
        public void onToken(String token) {
            if (!cancelled) {
                sawToken = true;
                listener.onToken(token);
            }
        }

        /** True the first time: the attempt's outcome is reported to the breaker once. */
        boolean settle() {
            return settled.compareAndSet(false, true);
        }

        @Override
        public void onComplete(ChatCompletion completion) {
            if (!settle()) {
                return;
            }
            guard.breaker().onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (!cancelled) {
                listener.onComplete(completion);
            }
        }

        @Override
        public void onError(PantheraException error) {
            if (!settle()) {
                return;
            }
            ModelCallException failure = guard.asModelFailure(error);
            guard.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            if (cancelled) {
                return;
            }
            if (!sawToken && failure.retryable() && number < guard.maxRetries()) {
                long delay = guard.backoff(number).toNanos();
                CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS).execute(() -> attempt(number + 1));
            } else {
                listener.onError(failure);
            }
        }
    }
}
