package dev.panthera.identity.internal.wallet;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The checks a parsed sign-in message must pass besides its signature: it is meant for this
 * server (domain and URI origin), is within its time window, names an allowed chain and the wallet
 * that signs in. Each failure is VALIDATION_FAILED saying what is wrong.
 */
record SignInPolicy(URI publicUrl, Duration clockSkew, Set<String> evmChainIds) {

    SignInPolicy {
        evmChainIds = Set.copyOf(evmChainIds);
    }

    /** The {@code host[:port]} a message's domain must name (the port only when not the scheme's default). */
    String expectedDomain() {
        String host = publicUrl.getHost();
        int port = publicUrl.getPort();
        return port == -1 || port == defaultPort(publicUrl.getScheme()) ? host : host + ":" + port;
    }

    void check(SignInMessage message, String canonicalAddress, Instant now) {
        if (!normalizeDomain(message.domain()).equals(normalizeDomain(expectedDomain()))) {
            throw PantheraException.validation(
                    "sign-in message: domain " + shown(message.domain()) + " is not " + expectedDomain());
        }
        if (!sameOrigin(message.uri())) {
            throw PantheraException.validation("sign-in message: URI " + shown(message.uri()) + " is not of origin "
                    + publicUrl.getScheme() + "://" + expectedDomain());
        }
        if (message.issuedAt().isAfter(now.plus(clockSkew))) {
            throw PantheraException.validation("sign-in message: Issued At " + message.issuedAtText()
                    + " is in the future (more than " + clockSkew.toSeconds() + " s after the server time " + now
                    + ")");
        }
        if (message.expirationTime() != null && !now.isBefore(message.expirationTime())) {
            throw PantheraException.validation("sign-in message: expired at " + message.expirationTimeText());
        }
        if (message.notBefore() != null && now.isBefore(message.notBefore())) {
            throw PantheraException.validation(
                    "sign-in message: not valid before " + message.notBeforeText() + " (server time " + now + ")");
        }
        checkChainId(message.family(), message.chainId());
        if (!message.address().equals(canonicalAddress) && message.address().equalsIgnoreCase(canonicalAddress)) {
            throw PantheraException.validation(
                    "sign-in message: address must be written in its canonical form " + canonicalAddress);
        }
        if (!message.address().equals(canonicalAddress)) {
            throw PantheraException.validation("sign-in message: address " + shown(message.address())
                    + " is not the wallet_address " + canonicalAddress);
        }
    }

    void checkChainId(ChainFamily family, String chainId) {
        if (family == ChainFamily.EVM && !evmChainIds.isEmpty() && !evmChainIds.contains(chainId)) {
            throw PantheraException.validation(
                    "sign-in message: Chain ID " + shown(chainId) + " is not one of the configured EVM chains "
                            + evmChainIds.stream().sorted().toList());
        }
    }

    /** A message value as echoed in an error: at most 100 characters. */
    private static String shown(String value) {
        return value == null || value.length() <= 100 ? String.valueOf(value) : value.substring(0, 100) + "...";
    }

    private boolean sameOrigin(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = parsed.getScheme();
        if (scheme == null || parsed.getHost() == null || !scheme.equalsIgnoreCase(publicUrl.getScheme())) {
            return false;
        }
        return parsed.getHost().equalsIgnoreCase(publicUrl.getHost())
                && effectivePort(parsed) == effectivePort(publicUrl)
                && parsed.getRawUserInfo() == null;
    }

    /** Lowercase, without an explicit default port ({@code host:443} for https is {@code host}). */
    private String normalizeDomain(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        String defaultPortSuffix = ":" + defaultPort(publicUrl.getScheme());
        return lower.endsWith(defaultPortSuffix)
                ? lower.substring(0, lower.length() - defaultPortSuffix.length())
                : lower;
    }

    private static int effectivePort(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
    }

    private static int defaultPort(String scheme) {
        return switch (scheme == null ? "" : scheme.toLowerCase(Locale.ROOT)) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }
}
