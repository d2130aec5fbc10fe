package dev.panthera.llm.provider.openai;

import dev.langchain4j.exception.HttpException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A non-2xx answer, with the Retry-After LangChain4j's own exception would drop. */
final class UpstreamHttpException extends HttpException {

    private final Duration retryAfter;

    UpstreamHttpException(int status, String body, Duration retryAfter) {
        super(status, body);
        this.retryAfter = retryAfter;
    }

    /** Null when the upstream gave none, or one that is neither seconds nor an HTTP-date. */
    Duration retryAfter() {
        return retryAfter;
    }

    static Duration parseRetryAfter(String value) {
        return parseRetryAfter(value, Clock.systemUTC());
    }

    /**
     * RFC 9110 Retry-After: delay-seconds, or an HTTP-date (IMF-fixdate) turned into the wait from
     * now. A date already past means "now" (zero); the obsolete date formats are not read.
     */
    static Duration parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            // an HTTP-date, then
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException notDate) {
            return null;
        }
    }
}
