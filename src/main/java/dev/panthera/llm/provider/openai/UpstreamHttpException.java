package dev.panthera.llm.provider.openai;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;

/** A non-2xx answer, with the Retry-After LangChain4j's own exception would drop. */
final class UpstreamHttpException extends HttpException {

    private final Duration retryAfter;

    UpstreamHttpException(int status, String body, Duration retryAfter) {
        super(status, body);
        this.retryAfter = retryAfter;
    }

    /** Null when the upstream gave none (or gave an HTTP date, which we do not trust clocks for). */
    Duration retryAfter() {
        return retryAfter;
    }

    static Duration parseRetryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
