package dev.panthera.llm.internal;

import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.llm.spi.ChatModelProvider;
import dev.panthera.llm.spi.ModelCallException;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties.Llm;
import dev.panthera.shared.ProblemCode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One provider behind its circuit breaker. Every attempt asks the breaker first (an open breaker
 * fails fast with {@code UPSTREAM_UNAVAILABLE}) and reports back: retryable failures (timeouts,
 * 5xx, broken connections) count against it, 429s and rejected requests do not. Retries, at most
 * {@code max-retries} with doubling backoff, happen only before the first token.
 */
final class GuardedProvider {

    static final int RETRY_LIMIT = 2;

    private final ChatModelProvider provider;
    private final CircuitBreaker breaker;
    private final int maxRetries;
    private final Duration backoff;

    GuardedProvider(ChatModelProvider provider, Llm config) {
        this.provider = provider;
        this.maxRetries = Math.clamp(config.maxRetries(), 0, RETRY_LIMIT);
        this.backoff = config.retryBackoff();
        int failures = Math.max(1, config.breakerFailures());
        this.breaker = CircuitBreaker.of(
                "llm-" + provider.name(),
                CircuitBreakerConfig.custom()
                        .slidingWindowType(SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(failures)
                        .minimumNumberOfCalls(failures)
                        .failureRateThreshold(100)
                        .waitDurationInOpenState(config.breakerOpenFor())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .recordException(e -> e instanceof ModelCallException m && m.retryable())
                        .build());
    }

    ChatModelProvider provider() {
        return provider;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    ChatCompletion complete(ModelRequest request) {
        for (int attempt = 0; ; attempt++) {
            try {
                return attempt(request);
            } catch (ModelCallException e) {
                if (!e.retryable() || attempt >= maxRetries) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private ChatCompletion attempt(ModelRequest request) {
        permit();
        long start = System.nanoTime();
        try {
            ChatCompletion completion = provider.complete(request);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return completion;
        } catch (RuntimeException e) {
            ModelCallException failure = asModelFailure(e);
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            throw failure;
        }
    }

    StreamHandle stream(ModelRequest request, ModelStreamListener listener) {
        GuardedStream stream = new GuardedStream(this, request, listener);
        stream.start();
        return stream;
    }

    /** Fails fast when the breaker is open. */
    void permit() {
        if (!breaker.tryAcquirePermission()) {
            throw new ModelCallException(
                    ProblemCode.UPSTREAM_UNAVAILABLE,
                    "Model provider '" + provider.name() + "' is failing; try again later",
                    Map.of(),
                    false);
        }
    }

    int maxRetries() {
        return maxRetries;
    }

    Duration backoff(int attempt) {
        return backoff.multipliedBy(1L << attempt);
    }

    private void pause(int attempt) {
        LockSupport.parkNanos(backoff(attempt).toNanos());
    }

    ModelCallException asModelFailure(Throwable e) {
        if (e instanceof ModelCallException m) {
            return m;
        }
        if (e instanceof PantheraException p) {
            return new ModelCallException(p.code(), p.getMessage(), p.headers(), false);
        }
        // A provider bug, not an upstream failure; the message may hold content, so it is not kept.
        return ModelCallException.unavailable("Model provider '" + provider.name() + "' failed", true);
    }
}
