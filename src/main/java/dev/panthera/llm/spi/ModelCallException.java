package dev.panthera.llm.spi;

import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Duration;
import java.util.Map;

/**
 * A failed model call. {@code retryable} failures (timeouts, 5xx, broken connections) may be
 * retried before the first token and count against the provider's circuit breaker; the others
 * (429, rejected requests) do neither. The detail names the provider, never the prompt.
 */
public class ModelCallException extends PantheraException {

    private final boolean retryable;

    public ModelCallException(ProblemCode code, String detail, Map<String, String> headers, boolean retryable) {
        super(code, detail, headers);
        this.retryable = retryable;
    }

    public static ModelCallException unavailable(String detail, boolean retryable) {
        return new ModelCallException(ProblemCode.UPSTREAM_UNAVAILABLE, detail, Map.of(), retryable);
    }

    /** A 429 from the upstream, passing on its Retry-After (whole seconds) when it gave one. */
    public static ModelCallException rateLimited(String detail, Duration retryAfter) {
        Map<String, String> headers = retryAfter == null
                ? Map.of()
                : Map.of("Retry-After", Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        return new ModelCallException(ProblemCode.RATE_LIMITED, detail, headers, false);
    }

    public boolean retryable() {
        return retryable;
    }
}
