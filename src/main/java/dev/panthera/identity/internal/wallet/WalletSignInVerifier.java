package dev.panthera.identity.internal.wallet;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The wallet half of sign-in: builds the challenge text and checks a signed sign-in message
 * (address, message grammar, domain/URI/time/chain policy, then the chain's signature). Nonce
 * bookkeeping is the caller's: it runs after {@link #verify} succeeds.
 */
@Component
public class WalletSignInVerifier {

    /** The statement {@link #challengeMessage} puts in every challenge. */
    public static final String STATEMENT = "Sign in to Panthera.";

    private final Set<String> bech32Prefixes;
    private final SignInPolicy policy;
    private final List<String> evmChainIds;

    /** A sign-in whose message, policy and signature all checked out. */
    public record VerifiedSignIn(ChainFamily family, String walletAddress, SignInMessage message) {}

    public WalletSignInVerifier(PantheraProperties properties) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String prefix : properties.auth().bech32Prefixes()) {
            prefixes.add(prefix.trim().toLowerCase(Locale.ROOT));
        }
        this.bech32Prefixes = Set.copyOf(prefixes);
        this.evmChainIds = properties.collections().stream()
                .filter(c -> ChainFamily.fromId(c.chain()) == ChainFamily.EVM)
                .map(PantheraProperties.Collection::chainId)
                .filter(Objects::nonNull)
                .map(String::trim)
                .distinct()
                .toList();
        this.policy = new SignInPolicy(properties.publicUrl(), properties.auth().clockSkew(), Set.copyOf(evmChainIds));
    }

    /**
     * Checks a signed sign-in: infer family, canonical address, parse, policy, signature, in this
     * order. Throws VALIDATION_FAILED for malformed input or a policy violation and
     * INVALID_SIGNATURE when the signature is not the wallet's.
     */
    public VerifiedSignIn verify(
            String walletAddress,
            String message,
            String signature,
            String publicKey,
            ChainFamily requestedOrNull,
            Instant now) {
        Objects.requireNonNull(now, "now");
        ChainFamily family = infer(walletAddress, requestedOrNull);
        String address = canonicalAddress(family, walletAddress);
        SignInMessage parsed = SignInMessageCodec.parse(family, message);
        policy.check(parsed, address, now);
        Encodings.required("signature", signature);
        WalletSignatureVerifier.of(family).verify(address, message, signature, publicKey);
        return new VerifiedSignIn(family, address, parsed);
    }

    /** The family of {@code walletAddress}; VALIDATION_FAILED when it is not one, or not {@code requestedOrNull}. */
    public ChainFamily infer(String walletAddress, ChainFamily requestedOrNull) {
        if (requestedOrNull == null) {
            return WalletAddresses.infer(walletAddress, bech32Prefixes);
        }
        try {
            WalletAddresses.canonical(requestedOrNull, walletAddress, bech32Prefixes);
            return requestedOrNull;
        } catch (PantheraException e) {
            ChainFamily looksLike = detect(walletAddress);
            if (looksLike != null && looksLike != requestedOrNull) {
                throw PantheraException.validation("wallet_address is " + displayName(looksLike)
                        + " address, but chain is " + requestedOrNull.id());
            }
            throw e;
        }
    }

    /** The canonical spelling: EIP-55 for EVM, lowercase bech32 for Cosmos, base58 for Solana. */
    public String canonicalAddress(ChainFamily family, String address) {
        Objects.requireNonNull(family, "family");
        return WalletAddresses.canonical(family, address, bech32Prefixes);
    }

    /**
     * The text a wallet is asked to sign. Chain id defaults: EVM the first configured EVM
     * collection's (else 1), Solana {@code mainnet}, Cosmos {@code secret-4}. Times are written
     * to the millisecond, as JavaScript's {@code toISOString} does.
     */
    public String challengeMessage(
            ChainFamily family,
            String canonicalAddress,
            String nonce,
            String chainIdOrNull,
            Instant issuedAt,
            Instant expiresAt) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(issuedAt, "issuedAt");
        String chainId =
                chainIdOrNull != null && !chainIdOrNull.isBlank() ? chainIdOrNull.trim() : defaultChainId(family);
        SignInFields.chainId(family, chainId);
        policy.checkChainId(family, chainId);
        SignInMessage message = SignInMessage.create(
                family,
                policy.expectedDomain(),
                canonicalAddress(family, canonicalAddress),
                STATEMENT,
                policy.publicUrl().toString(),
                chainId,
                nonce,
                issuedAt.truncatedTo(ChronoUnit.MILLIS),
                expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS),
                null,
                null,
                List.of());
        String text = SignInMessageCodec.format(message);
        SignInMessageCodec.parse(family, text); // a challenge always satisfies the grammar it is checked against
        return text;
    }

    /**
     * Checks only the signature (no message grammar or policy) — for benchmarks and tools that
     * already hold a canonical address. Never sign anyone in on this alone.
     */
    public static void verifySignatureOnly(
            ChainFamily family, String canonicalAddress, String message, String signature, String publicKey) {
        WalletSignatureVerifier.of(family).verify(canonicalAddress, message, signature, publicKey);
    }

    private String defaultChainId(ChainFamily family) {
        return switch (family) {
            case EVM -> evmChainIds.isEmpty() ? "1" : evmChainIds.get(0);
            case SOLANA -> "mainnet";
            case COSMOS -> "secret-4";
        };
    }

    private static String displayName(ChainFamily family) {
        return switch (family) {
            case EVM -> "an EVM";
            case COSMOS -> "a Cosmos";
            case SOLANA -> "a Solana";
        };
    }

    private ChainFamily detect(String walletAddress) {
        try {
            return WalletAddresses.infer(walletAddress, bech32Prefixes);
        } catch (PantheraException e) {
            return null;
        }
    }
}
