package dev.panthera.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class UnexpectedErrorLogTest {

    final Logger logger = (Logger) LoggerFactory.getLogger("test.unexpected." + System.nanoTime());
    final ListAppender<ILoggingEvent> events = new ListAppender<>();

    UnexpectedErrorLogTest() {
        events.start();
        logger.addAppender(events);
    }

    static RuntimeException poolTimeout() {
        return new IllegalStateException("no connection", new SQLTransientConnectionException("timed out"));
    }

    @Test
    void aStormOfTheSameFailureLogsOneStackTraceThenCountsTheRest() {
        AtomicLong now = new AtomicLong(1_000);
        UnexpectedErrorLog log = new UnexpectedErrorLog(logger, Duration.ofSeconds(10), now::get);
        assertThat(log.log(poolTimeout())).isTrue();
        for (int i = 0; i < 999; i++) {
            assertThat(log.log(poolTimeout())).isFalse();
        }
        // another kind is logged at once
        assertThat(log.log(new IllegalArgumentException("other"))).isTrue();
        assertThat(events.list).hasSize(2);
        assertThat(events.list.get(0).getThrowableProxy()).isNotNull();

        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(log.log(poolTimeout())).isFalse();
        now.addAndGet(Duration.ofSeconds(2).toNanos()); // the interval is over: logged, with the count of the rest
        assertThat(log.log(poolTimeout())).isTrue();
        assertThat(events.list).hasSize(3);
        assertThat(events.list.get(2).getFormattedMessage()).contains("1000 more of this kind");
        assertThat(events.list.get(2).getThrowableProxy().getClassName())
                .isEqualTo(IllegalStateException.class.getName());
    }
}
