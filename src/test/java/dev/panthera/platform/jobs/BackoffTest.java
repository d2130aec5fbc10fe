package dev.panthera.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneSecond() {
        assertThat(Backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.after(9)).isEqualTo(Duration.ofSeconds(256));
    }

    @Test
    void isCappedAtFiveMinutes() {
        assertThat(Backoff.after(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Backoff.after(64)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
    }
}
