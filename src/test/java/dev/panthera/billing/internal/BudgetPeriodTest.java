package dev.panthera.billing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BudgetPeriodTest {

    /** Wednesday 2026-12-30, 22:30 UTC: late in a day, a week, a month and a year. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-30T22:30:00Z"), ZoneOffset.UTC);

    @Test
    void dayRunsFromUtcMidnightToTheNext() {
        Instant now = CLOCK.instant();
        assertThat(BudgetPeriod.DAY.start(now)).isEqualTo(LocalDate.parse("2026-12-30"));
        assertThat(BudgetPeriod.DAY.resetsAt(now)).isEqualTo(Instant.parse("2026-12-31T00:00:00Z"));
        assertThat(BudgetPeriod.DAY.secondsToReset(now)).isEqualTo(90 * 60);
    }

    @Test
    void weekStartsOnMonday() {
        Instant wednesday = CLOCK.instant();
        assertThat(BudgetPeriod.WEEK.start(wednesday)).isEqualTo(LocalDate.parse("2026-12-28"));
        // the week crosses the year: it ends on the next Monday, in January
        assertThat(BudgetPeriod.WEEK.resetsAt(wednesday)).isEqualTo(Instant.parse("2027-01-04T00:00:00Z"));
        Instant mondayMidnight = Instant.parse("2026-12-28T00:00:00Z");
        assertThat(BudgetPeriod.WEEK.start(mondayMidnight)).isEqualTo(LocalDate.parse("2026-12-28"));
        Instant sundayLastSecond = Instant.parse("2026-12-27T23:59:59Z");
        assertThat(BudgetPeriod.WEEK.start(sundayLastSecond)).isEqualTo(LocalDate.parse("2026-12-21"));
        assertThat(BudgetPeriod.WEEK.secondsToReset(sundayLastSecond)).isEqualTo(1);
    }

    @Test
    void monthIsTheCalendarMonth() {
        Instant now = CLOCK.instant();
        assertThat(BudgetPeriod.MONTH.start(now)).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(BudgetPeriod.MONTH.resetsAt(now)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(BudgetPeriod.MONTH.secondsToReset(now))
                .isEqualTo(Duration.ofHours(25).plusMinutes(30).toSeconds());
        // February of a non-leap year
        Instant february = Instant.parse("2027-02-15T12:00:00Z");
        assertThat(BudgetPeriod.MONTH.start(february)).isEqualTo(LocalDate.parse("2027-02-01"));
        assertThat(BudgetPeriod.MONTH.resetsAt(february)).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
    }

    @Test
    void totalNeverResets() {
        Instant now = CLOCK.instant();
        assertThat(BudgetPeriod.TOTAL.start(now))
                .isEqualTo(BudgetPeriod.LIFETIME)
                .isEqualTo(LocalDate.EPOCH);
        assertThat(BudgetPeriod.TOTAL.resetsAt(now)).isNull();
        assertThat(BudgetPeriod.TOTAL.secondsToReset(now)).isEqualTo(-1);
    }

    @Test
    void secondsToResetRoundUpAndAreAtLeastOne() {
        assertThat(BudgetPeriod.DAY.secondsToReset(Instant.parse("2026-12-30T23:59:59.001Z")))
                .isEqualTo(1);
        assertThat(BudgetPeriod.DAY.secondsToReset(Instant.parse("2026-12-30T23:59:58.500Z")))
                .isEqualTo(2);
        assertThat(BudgetPeriod.ceilSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(BudgetPeriod.ceilSeconds(Duration.ofMillis(59_001))).isEqualTo(60);
    }

    @Test
    void parsesTheConfiguredNames() {
        assertThat(BudgetPeriod.parse("day", BudgetPeriod.MONTH)).isEqualTo(BudgetPeriod.DAY);
        assertThat(BudgetPeriod.parse(" Week ", BudgetPeriod.MONTH)).isEqualTo(BudgetPeriod.WEEK);
        assertThat(BudgetPeriod.parse("MONTH", BudgetPeriod.DAY)).isEqualTo(BudgetPeriod.MONTH);
        assertThat(BudgetPeriod.parse("total", BudgetPeriod.MONTH)).isEqualTo(BudgetPeriod.TOTAL);
        assertThat(BudgetPeriod.parse(null, BudgetPeriod.TOTAL)).isEqualTo(BudgetPeriod.TOTAL);
        assertThat(BudgetPeriod.parse("", BudgetPeriod.MONTH)).isEqualTo(BudgetPeriod.MONTH);
        assertThatThrownBy(() -> BudgetPeriod.parse("fortnight", BudgetPeriod.MONTH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("day, week, month or total")
                .hasMessageContaining("fortnight");
    }
}
