package dev.panthera.identity.web;

import dev.panthera.identity.WalletPrincipal;
import dev.panthera.identity.internal.apikey.ApiKeyService;
import dev.panthera.identity.web.ApiKeyDtos.CreateRequest;
import dev.panthera.identity.web.ApiKeyDtos.CreatedKey;
import dev.panthera.identity.web.ApiKeyDtos.KeyList;
import dev.panthera.identity.web.ApiKeyDtos.KeyView;
import dev.panthera.shared.PantheraException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API keys for OpenAI-compatible clients, managed with a wallet session (an API key is refused here). */
@RestController
@RequestMapping("/v1/api-keys")
@Validated
@Tag(
        name = "api-keys",
        description = "Keys for OpenAI-compatible clients (the SDK's api_key), scoped to agents you hold,"
                + " with optional limits and expiry")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create an API key scoped to agents the wallet holds; the key is in this answer only",
            description = "agents: [\"{collection}/{token_id}\", ...] (1..100); optional name, expires_at"
                    + " (RFC 3339, future), token_budget with budget_period (day|week|month|total, default month),"
                    + " requests_per_minute, tokens_per_minute. At most 100 live keys per wallet.")
    CreatedKey create(@AuthenticationPrincipal WalletPrincipal principal, @RequestBody CreateRequest request) {
        if (request == null) {
            throw PantheraException.validation("A JSON body with agents is required");
        }
        var created = keys.create(
                principal,
                new ApiKeyService.Draft(
                        request.name(),
                        request.agents(),
                        request.expiresAt(),
                        request.tokenBudget(),
                        request.budgetPeriod(),
                        request.requestsPerMinute(),
                        request.tokensPerMinute()));
        return CreatedKey.of(created.key(), created.secret());
    }

    @GetMapping
    @Operation(summary = "The wallet's API keys, newest first (revoked and expired ones too; never the key)")
    KeyList list(
            @AuthenticationPrincipal WalletPrincipal principal,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        var data = keys.list(principal, limit, offset).stream().map(KeyView::of).toList();
        return new KeyList(data, limit, offset);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the wallet's API keys")
    KeyView get(@AuthenticationPrincipal WalletPrincipal principal, @PathVariable UUID id) {
        return KeyView.of(keys.get(principal, id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an API key: it stops working at once, on every node")
    void revoke(@AuthenticationPrincipal WalletPrincipal principal, @PathVariable UUID id) {
        keys.revoke(principal, id);
    }
}
