package dev.panthera.llm.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.llm.spi.ModelCallException;
import dev.panthera.shared.ProblemCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UpstreamHttpExceptionTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T18:00:00Z"), ZoneOffset.UTC);

    @Test
    void retryAfterInSeconds() {
        assertThat(UpstreamHttpException.parseRetryAfter("7", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(UpstreamHttpException.parseRetryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(UpstreamHttpException.parseRetryAfter("-3", NOW)).isNull();
    }

    @Test
    void retryAfterAsAnHttpDateIsTheWaitFromNow() {
        assertThat(UpstreamHttpException.parseRetryAfter("Mon, 23 Nov 2026 18:01:30 GMT", NOW))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(UpstreamHttpException.parseRetryAfter("Mon, 23 Nov 2026 17:59:00 GMT", NOW))
                .as("a date already past")
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void anythingElseIsNoRetryAfter() {
        assertThat(UpstreamHttpException.parseRetryAfter(null, NOW)).isNull();
        assertThat(UpstreamHttpException.parseRetryAfter("", NOW)).isNull();
        assertThat(UpstreamHttpException.parseRetryAfter("soon", NOW)).isNull();
        assertThat(UpstreamHttpException.parseRetryAfter("Monday, 23-Nov-26 18:01:30 GMT", NOW))
                .as("the obsolete RFC 850 form")
                .isNull();
    }

    @Test
    void aDatedRateLimitIsPassedOnInWholeSeconds() {
        var http = new UpstreamHttpException(
                429, "{}", UpstreamHttpException.parseRetryAfter("Mon, 23 Nov 2026 18:00:42 GMT", NOW));
        ModelCallException mapped = UpstreamErrors.map("upstream", http);
        assertThat(mapped.code()).isEqualTo(ProblemCode.RATE_LIMITED);
        assertThat(mapped.retryable()).isFalse();
        assertThat(mapped.headers()).containsEntry("Retry-After", "42");
    }
}
