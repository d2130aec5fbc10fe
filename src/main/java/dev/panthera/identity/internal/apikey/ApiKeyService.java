package dev.panthera.identity.internal.apikey;

import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.NftOwnershipVerifier;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API keys for OpenAI-compatible clients: an owner creates, lists and revokes them; a model call
 * authenticates with one. Every authentication reads the database (one indexed lookup), so a
 * revoked key stops working at once on every node.
 */
@Service
public class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
    static final int MAX_LIVE_KEYS = 100;
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** Never says whether a key exists: a guesser learns nothing from the answer. */
    static final String INVALID = "API key is invalid or revoked";

    /** A key as requested: raw values, checked by {@link ApiKeyRules}. */
    public record Draft(
            String name,
            List<String> agents,
            String expiresAt,
            Long tokenBudget,
            String budgetPeriod,
            Integer requestsPerMinute,
            Long tokensPerMinute) {}

    /** A new key and its secret, which is shown this once and never again. */
    public record Created(ApiKeyRecord key, String secret) {}

    private final ApiKeyRepository keys;
    private final ObjectProvider<NftOwnershipVerifier> ownership;
    private final TransactionTemplate tx;
    private final Clock clock;

    ApiKeyService(
            ApiKeyRepository keys,
            ObjectProvider<NftOwnershipVerifier> ownership,
            TransactionTemplate tx,
            Clock clock) {
        this.keys = keys;
        this.ownership = ownership;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Creates a key for agents the caller holds now (checked with the ownership module, which
     * also gives the canonical collection id); at most {@value #MAX_LIVE_KEYS} live keys per wallet.
     */
    public Created create(WalletPrincipal owner, Draft draft) {
        requireSession(owner);
        Instant now = clock.instant();
        ApiKeyRules.Checked checked = ApiKeyRules.check(draft, now);
        // chain reads happen before the transaction, so no database connection waits on an RPC
        List<String> agents = heldAgents(owner, checked.agents());
        String secret = ApiKeys.generate();
        ApiKeyRecord key = new ApiKeyRecord(
                UUID.randomUUID(),
                owner.walletAddress(),
                owner.chain(),
                checked.name(),
                ApiKeys.displayPrefix(secret),
                agents,
                checked.requestsPerMinute(),
                checked.tokensPerMinute(),
                checked.tokenBudget(),
                checked.budgetPeriod(),
                checked.expiresAt(),
                now,
                null,
                null);
        tx.executeWithoutResult(status -> {
            keys.lockWallet(owner.walletAddress());
            if (keys.countLive(owner.walletAddress(), now) >= MAX_LIVE_KEYS) {
                throw new PantheraException(
                        ProblemCode.CONFLICT,
                        "A wallet may have at most " + MAX_LIVE_KEYS + " live API keys; revoke one first");
            }
            keys.insert(key, ApiKeys.hash(secret));
        });
        log.info("API key {} created for {} wallet {}", key.id(), owner.chain().id(), owner.walletAddress());
        return new Created(key, secret);
    }

    public List<ApiKeyRecord> list(WalletPrincipal owner, int limit, int offset) {
        requireSession(owner);
        return keys.list(owner.walletAddress(), limit, offset);
    }

    /** One of the caller's keys; another wallet's key is NOT_FOUND, like a missing one. */
    public ApiKeyRecord get(WalletPrincipal owner, UUID id) {
        requireSession(owner);
        return keys.find(owner.walletAddress(), id).orElseThrow(ApiKeyService::notFound);
    }

    /** Revokes one of the caller's keys; it stops working with the next request, on every node. */
    public void revoke(WalletPrincipal owner, UUID id) {
        requireSession(owner);
        if (!keys.revoke(owner.walletAddress(), id, clock.instant())) {
            throw notFound();
        }
        log.info("API key {} revoked by wallet {}", id, owner.walletAddress());
    }

    /**
     * The caller behind an API key: the owner's wallet, at USER level whatever the wallet's own
     * level (a key is handed to scripts and third-party tools, so it never carries team or admin
     * powers), with the key's grant. UNAUTHORIZED for an unknown, revoked or expired key.
     */
    public WalletPrincipal authenticate(String secret) {
        if (!ApiKeys.wellFormed(secret)) {
            throw PantheraException.unauthorized(INVALID);
        }
        Instant now = clock.instant();
        ApiKeyRecord key = keys.findByHash(ApiKeys.hash(secret))
                .filter(k -> k.revokedAt() == null)
                .orElseThrow(() -> PantheraException.unauthorized(INVALID));
        if (key.expiredAt(now)) {
            throw PantheraException.unauthorized(
                    "API key expired at " + key.expiresAt() + "; create a new one with POST /v1/api-keys");
        }
        if (key.lastUsedAt() == null || !key.lastUsedAt().isAfter(now.minus(TOUCH_INTERVAL))) {
            keys.touch(key.id(), now, now.minus(TOUCH_INTERVAL));
        }
        return new WalletPrincipal(
                key.walletAddress(), key.chain(), null, null, null, AuthLevel.USER, key.expiresAt(), key.grant());
    }

    private List<String> heldAgents(WalletPrincipal owner, List<ApiKeyRules.AgentRef> refs) {
        NftOwnershipVerifier verifier = ownership.getIfAvailable();
        if (verifier == null) {
            throw PantheraException.validation("API keys are scoped to agents, and no collection is configured");
        }
        Set<String> agents = new LinkedHashSet<>();
        for (ApiKeyRules.AgentRef ref : refs) {
            String collection =
                    verifier.requireOwner(owner.walletAddress(), owner.chain(), ref.collection(), ref.tokenId());
            agents.add(collection + "/" + ref.tokenId());
        }
        return new ArrayList<>(agents);
    }

    /** Keys are managed with a wallet session only: a leaked key must not mint or revoke keys. */
    private static void requireSession(WalletPrincipal owner) {
        if (owner.viaApiKey()) {
            throw new PantheraException(
                    ProblemCode.FORBIDDEN, "API keys cannot manage API keys; sign in with the wallet");
        }
    }

    private static PantheraException notFound() {
        return PantheraException.notFound("No such API key");
    }
}
