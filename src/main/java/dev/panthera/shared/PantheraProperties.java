package dev.panthera.shared;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code panthera:} configuration tree (DESIGN.md §3). Every key can also be set from the
 * environment, e.g. {@code PANTHERA_DATABASE_URL}.
 */
@ConfigurationProperties("panthera")
public record PantheraProperties(
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("./data") Path dataDir,
        String databaseUrl,
        String redisUrl,
        /** Base64 of 32 bytes that encrypts secrets at rest; empty = generated into the data dir. */
        String masterKey,
        @DefaultValue List<Collection> collections,
        @DefaultValue Auth auth,
        @DefaultValue RateLimits rateLimits,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue Ownership ownership,
        @DefaultValue Metadata metadata,
        @DefaultValue Llm llm,
        @DefaultValue Chat chat,
        @DefaultValue Billing billing,
        @DefaultValue Jobs jobs) {

    /**
     * An NFT collection whose tokens are agents. {@code chain}: evm | cosmos (Secret Network SNIP-721)
     * | solana | dev (Panthera's own registry). {@code rpc-url} is the JSON-RPC endpoint (evm,
     * solana) or the LCD REST endpoint (cosmos). Solana token ids are mint addresses.
     */
    public record Collection(
            String id,
            @DefaultValue("dev") String chain,
            String rpcUrl,
            String chainId,
            String contract,
            @DefaultValue("1-10000") String tokenIds,
            String bech32Prefix,
            /** Secret Network: the contract's code hash, needed to encrypt queries. */
            String codeHash,
            /** Blocks a transfer must be under before it counts (reorg safety). */
            @DefaultValue("2") int confirmations,
            /** First block to scan for transfers when nothing has been scanned yet. */
            @DefaultValue("0") long startBlock,
            /** Base64 AES-256 key that opens this collection's sealed metadata; empty = plain metadata only. */
            String metadataKey) {}

    /** The ownership cache and transfer watching. */
    public record Ownership(
            /** Cached answers younger than this are served without asking the chain. */
            @DefaultValue("5m") Duration cacheTtl,
            /** When the chain cannot be reached, cached answers are served until this age, then refused. */
            @DefaultValue("1h") Duration maxStale,
            /** How often transfers are looked for. */
            @DefaultValue("15s") Duration pollInterval,
            @DefaultValue("10s") Duration rpcTimeout) {}

    /** Fetching token metadata (tokenURI). */
    public record Metadata(
            @DefaultValue("https://ipfs.io/ipfs/") String ipfsGateway,
            @DefaultValue("262144") int maxBytes,
            @DefaultValue("10s") Duration timeout) {}

    /** Sign-in and token settings. */
    public record Auth(
            @DefaultValue("5m") Duration nonceTtl,
            @DefaultValue("1h") Duration accessTokenTtl,
            @DefaultValue("7d") Duration refreshTokenTtl,
            @DefaultValue("5m") Duration clockSkew,
            @DefaultValue({"secret", "cosmos"}) List<String> bech32Prefixes,
            @DefaultValue List<String> adminWallets,
            @DefaultValue List<String> teamWallets,
            /**
             * A JWK set (JSON, private keys, newest first) that signs access tokens; empty = keys
             * generated and kept encrypted in the data dir. Set it when several nodes run.
             */
            String jwtJwks) {}

    /** Requests per window per client and route group; {@code enabled: false} switches all off. */
    public record RateLimits(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1m") Duration window,
            @DefaultValue("10") int signIn,
            @DefaultValue("200") int authenticated,
            @DefaultValue Map<String, Integer> routes) {}

    /**
     * The model gateway. {@code default-provider} serves every model no provider lists (offline =
     * Panthera's built-in responder, no network). Retries happen only before the first token.
     */
    public record Llm(
            @DefaultValue("offline") String defaultProvider,
            @DefaultValue Map<String, Provider> providers,
            /** Extra attempts after a timeout, 5xx or broken connection (at most 2). */
            @DefaultValue("2") int maxRetries,
            /** Wait before the first retry; doubles for the next. */
            @DefaultValue("200ms") Duration retryBackoff,
            /** Failed attempts in a row (per provider) that open its circuit breaker. */
            @DefaultValue("5") int breakerFailures,
            /** How long an open breaker fails fast before letting a trial call through. */
            @DefaultValue("30s") Duration breakerOpenFor) {

        /** An OpenAI-compatible upstream (DeepSeek, OpenAI, vLLM, Ollama, LM Studio ...). */
        public record Provider(
                String baseUrl,
                String apiKey,
                @DefaultValue List<String> models,
                /** Bounds a whole answer, and a stream until its response headers. */
                @DefaultValue("60s") Duration timeout) {}
    }

    /** Chat limits (seed 000) and history retention. */
    public record Chat(
            /** Longest message a client may send, in characters. */
            @DefaultValue("4000") int maxMessageChars,
            /** Messages a conversation holds (user and assistant); then the client starts a new one. */
            @DefaultValue("100") int maxMessages,
            /** Tokens (estimated as characters / 4) of context sent to the model, system prompt included. */
            @DefaultValue("6000") int contextTokens,
            /** Messages and conversations older than this are purged. */
            @DefaultValue("30d") Duration retention) {}

    /**
     * Limits on model calls per wallet (API keys may set lower ones of their own): requests and
     * tokens per minute, and a token budget per period (day | week | month | total). 0 = unlimited.
     */
    public record Billing(
            @DefaultValue("60") int requestsPerMinute,
            @DefaultValue("200000") long tokensPerMinute,
            @DefaultValue("0") long tokenBudget,
            @DefaultValue("month") String budgetPeriod,
            /** Ledger rows older than this are purged. */
            @DefaultValue("400d") Duration retention) {}

    /**
     * The cluster-safe background job queue (platform.jobs): every node with {@code enabled} claims
     * due jobs under a lease it renews while working; a dead node's jobs are taken up again once its
     * lease runs out. With {@code enabled: false} the node still enqueues but claims nothing.
     */
    public record Jobs(
            @DefaultValue("true") boolean enabled,
            /** Jobs this node runs at once, each on a virtual thread. */
            @DefaultValue("16") int workers,
            /** How often due jobs are looked for; the fallback when a notification is missed. */
            @DefaultValue("500ms") Duration pollInterval,
            /** How long a claim holds without renewal (renewed every third of it). */
            @DefaultValue("30s") Duration lease,
            /** Failures in a row (exceptions, lost leases) after which a job is failed; polls do not count. */
            @DefaultValue("5") int maxAttempts,
            /** Finished (done or failed) jobs older than this are purged. */
            @DefaultValue("7d") Duration retention,
            /** LISTEN for new jobs (NOTIFY at enqueue) so an idle node claims at once, not at its next poll. */
            @DefaultValue("true") boolean listen) {}
}
