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
        @DefaultValue List<String> trustedProxies) {

    /** An NFT collection whose tokens are agents. */
    public record Collection(
            String id,
            @DefaultValue("dev") String chain,
            String rpcUrl,
            String chainId,
            String contract,
            @DefaultValue("1-10000") String tokenIds,
            String bech32Prefix) {}

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
}
