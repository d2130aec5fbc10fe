package dev.panthera.billing.web;

import dev.panthera.billing.BillingService;
import dev.panthera.billing.web.UsageDtos.UsageResponse;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's model usage (seed 001 token_transactions), by agent, model and UTC day. */
@RestController
@Tag(name = "usage", description = "Model calls and tokens of the signed-in wallet, or of the API key used")
class UsageController {

    /** Days the default range covers, today included. */
    static final int DEFAULT_DAYS = 30;

    private final BillingService billing;
    private final Clock clock;

    UsageController(BillingService billing, Clock clock) {
        this.billing = billing;
        this.clock = clock;
    }

    @GetMapping("/v1/usage")
    @Operation(
            summary = "Requests, failures and tokens from one UTC day to another (both included, at most 366 days;"
                    + " default the last 30 days to today), in total and by agent, model and day; agents and"
                    + " models with the most tokens first, newest day first. A caller using an API key sees"
                    + " that key's usage only")
    UsageResponse usage(
            @AuthenticationPrincipal WalletPrincipal principal,
            @Parameter(description = "First day, YYYY-MM-DD (UTC)") @RequestParam(required = false) String from,
            @Parameter(description = "Last day, YYYY-MM-DD (UTC)") @RequestParam(required = false) String to) {
        LocalDate last = to == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : day("to", to);
        LocalDate first = from == null ? last.minusDays(DEFAULT_DAYS - 1) : day("from", from);
        var report = billing.usage(principal, first, last);
        UUID keyId = principal.apiKey() == null ? null : principal.apiKey().id();
        return UsageResponse.of(principal.walletAddress(), keyId, report);
    }

    private static LocalDate day(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw PantheraException.validation(name + " must be a day as YYYY-MM-DD, not '" + value + "'");
        }
    }
}
