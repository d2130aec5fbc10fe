package dev.panthera.billing.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The period a token budget covers, in UTC: a day, an ISO week (from Monday), a calendar month, or
 * the subject's whole life ({@code total}, which never resets).
 */
enum BudgetPeriod {
    DAY("per day"),
    WEEK("per week"),
    MONTH("per month"),
    TOTAL("in total");

    /** Where {@link #TOTAL} keeps its lifetime counter in {@code billing_budgets}. */
    static final LocalDate LIFETIME = LocalDate.EPOCH;

    private final String phrase;

    BudgetPeriod(String phrase) {
        this.phrase = phrase;
    }

    /** day | week | month | total, any case; blank gives {@code fallback}. */
    static BudgetPeriod parse(String value, BudgetPeriod fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "day", "daily" -> DAY;
            case "week", "weekly" -> WEEK;
            case "month", "monthly" -> MONTH;
            case "total", "lifetime" -> TOTAL;
            default ->
                throw new IllegalArgumentException(
                        "budget period must be day, week, month or total, not '" + value + "'");
        };
    }

    /** "per month", "in total": how a message names the period. */
    String phrase() {
        return phrase;
    }

    /** The first UTC day of the period that contains {@code now}; {@link #LIFETIME} for total. */
    LocalDate start(Instant now) {
        LocalDate today = today(now);
        return switch (this) {
            case DAY -> today;
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> today.withDayOfMonth(1);
            case TOTAL -> LIFETIME;
        };
    }

    /** When the period containing {@code now} ends and the budget is whole again; null for total. */
    Instant resetsAt(Instant now) {
        LocalDate next = switch (this) {
            case DAY -> today(now).plusDays(1);
            case WEEK -> start(now).plusWeeks(1);
            case MONTH -> start(now).plusMonths(1);
            case TOTAL -> null;
        };
        return next == null ? null : next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Whole seconds until the reset, rounded up, at least 1; -1 for total (never). */
    long secondsToReset(Instant now) {
        Instant at = resetsAt(now);
        return at == null ? -1 : ceilSeconds(Duration.between(now, at));
    }

    static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /** A wait in whole seconds, rounded up so a client that waits that long finds the limit reset; at least 1. */
    static long ceilSeconds(Duration d) {
        long millis = Math.max(0, d.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}
