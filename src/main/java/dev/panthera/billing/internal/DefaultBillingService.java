package dev.panthera.billing.internal;

import dev.panthera.billing.BillingService;
import dev.panthera.billing.internal.BillingLedger.Entry;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.EphemeralStore.WindowCount;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Admission checks per wallet and per API key, the ledger, and usage reports. Per-minute counts
 * live in the shared store, budgets in {@code billing_budgets}: per UTC day plus a lifetime row, so
 * a call need not know which period its key's budget uses.
 */
@Service
class DefaultBillingService implements BillingService {

    /** Longest usage range, in days, both ends included. */
    static final int MAX_USAGE_DAYS = 366;

    /** What may be stored as an error: a code like {@code UPSTREAM_UNAVAILABLE}, never text. */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final BillingLedger ledger;
    private final LedgerWriter writer;
    private final UsageQuery usage;
    private final RateCounters counters;
    private final PantheraProperties.Billing config;
    private final BudgetPeriod walletPeriod;
    private final Clock clock;

    DefaultBillingService(
            BillingLedger ledger,
            LedgerWriter writer,
            UsageQuery usage,
            RateCounters counters,
            PantheraProperties properties,
            Clock clock) {
        this.ledger = ledger;
        this.writer = writer;
        this.usage = usage;
        this.counters = counters;
        this.config = properties.billing();
        // parsed now so a bad setting stops startup instead of failing every call
        this.walletPeriod = BudgetPeriod.parse(config.budgetPeriod(), BudgetPeriod.MONTH);
        this.clock = clock;
    }

    @Override
    public Admission admit(WalletPrincipal caller) {
        Objects.requireNonNull(caller, "caller");
        Instant now = clock.instant();
        List<Standing> standings = new ArrayList<>(2);
        standings.add(standing(Limits.wallet(caller.walletAddress(), config, walletPeriod), now));
        if (caller.apiKey() != null) {
            standings.add(standing(Limits.key(caller.apiKey()), now));
        }
        Admissions.Decision decision = Admissions.decide(standings, now);
        if (decision.refusal() != null) {
            throw decision.refusal();
        }
        return new Admission(decision.headers());
    }

    private Standing standing(Limits limits, Instant now) {
        WindowCount requests = limits.requestsPerMinute() > 0 ? counters.hitRequests(limits.subject()) : null;
        WindowCount tokens = limits.tokensPerMinute() > 0 ? counters.tokensUsed(limits.subject()) : null;
        long spent = limits.tokenBudget() > 0
                ? ledger.spent(limits.subject(), limits.period(), now) + writer.pendingTokens(limits.subject())
                : 0;
        return new Standing(limits, requests, tokens, spent);
    }

    @Override
    public void record(ModelCall call) {
        Entry entry = entry(call);
        ledger.record(List.of(entry));
        countTokens(entry);
    }

    @Override
    public void recordLater(ModelCall call) {
        Entry entry = entry(call);
        countTokens(entry); // the minute's counters at once, like the budgets (pending in the writer)
        writer.submit(entry);
    }

    private Entry entry(ModelCall call) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(call.walletAddress(), "walletAddress");
        Objects.requireNonNull(call.agentId(), "agentId");
        Objects.requireNonNull(call.operation(), "operation");
        if (call.tokensIn() < 0 || call.tokensOut() < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        Subject wallet = Subject.wallet(call.walletAddress());
        List<Subject> subjects =
                call.apiKeyId() == null ? List.of(wallet) : List.of(wallet, Subject.key(call.apiKeyId()));
        return new Entry(call, errorCode(call), call.at() != null ? call.at() : clock.instant(), subjects);
    }

    private void countTokens(Entry entry) {
        long tokens = entry.tokens();
        if (config.tokensPerMinute() > 0) {
            counters.addTokens(entry.subjects().get(0), tokens);
        }
        // the call does not carry its key's grant, so a key's minute is always counted
        if (entry.subjects().size() > 1) {
            counters.addTokens(entry.subjects().get(1), tokens);
        }
    }

    /** Only a code is ever stored; anything else is a caller's bug and is stored as INTERNAL. */
    private static String errorCode(ModelCall call) {
        if (call.errorCode() == null || call.errorCode().isBlank()) {
            return call.success() ? null : "INTERNAL";
        }
        return ERROR_CODE.matcher(call.errorCode()).matches() ? call.errorCode() : "INTERNAL";
    }

    @Override
    public UsageReport usage(WalletPrincipal caller, LocalDate from, LocalDate to) {
        Objects.requireNonNull(caller, "caller");
        if (from == null || to == null) {
            throw PantheraException.validation("from and to are both needed");
        }
        if (from.isAfter(to)) {
            throw PantheraException.validation("from (" + from + ") must not be after to (" + to + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_USAGE_DAYS) {
            throw PantheraException.validation("A usage range covers at most " + MAX_USAGE_DAYS + " days; " + from
                    + " to " + to + " is " + (ChronoUnit.DAYS.between(from, to) + 1));
        }
        return usage.report(
                caller.walletAddress(),
                caller.apiKey() == null ? null : caller.apiKey().id(),
                from,
                to);
    }
}
