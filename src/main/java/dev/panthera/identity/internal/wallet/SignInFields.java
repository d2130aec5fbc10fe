package dev.panthera.identity.internal.wallet;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.regex.Pattern;

/** The value rules of the EIP-4361 / SIWS fields; each check throws VALIDATION_FAILED naming the field. */
final class SignInFields {

    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,}");
    private static final Pattern EVM_CHAIN_ID = Pattern.compile("[1-9][0-9]{0,19}");
    private static final Pattern COSMOS_CHAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");
    private static final Set<String> SOLANA_CLUSTERS = Set.of("mainnet", "testnet", "devnet", "localnet");

    private SignInFields() {}

    /** Rejects empty values and anything with control characters. */
    static String text(String field, String value) {
        if (value.isEmpty()) {
            throw PantheraException.validation("sign-in message: " + field + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw PantheraException.validation("sign-in message: " + field + " contains a control character");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    throw PantheraException.validation("sign-in message: " + field + " is not valid Unicode");
                }
                i++;
            }
        }
        return value;
    }

    /** A single token: no whitespace at all (domain, address, request id). */
    static String token(String field, String value) {
        text(field, value);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i)) || Character.isSpaceChar(value.charAt(i))) {
                throw PantheraException.validation("sign-in message: " + field + " contains whitespace");
            }
        }
        return value;
    }

    /** An absolute RFC 3986 URI. */
    static String uri(String field, String value) {
        token(field, value);
        try {
            if (!new URI(value).isAbsolute()) {
                throw PantheraException.validation("sign-in message: " + field + " is not an absolute URI");
            }
        } catch (URISyntaxException e) {
            throw PantheraException.validation("sign-in message: " + field + " is not a valid URI");
        }
        return value;
    }

    static String version(String value) {
        if (!"1".equals(value)) {
            throw PantheraException.validation("sign-in message: Version must be 1");
        }
        return value;
    }

    static String nonce(String value) {
        if (!NONCE.matcher(value).matches()) {
            throw PantheraException.validation("sign-in message: Nonce must be at least 8 letters or digits");
        }
        return value;
    }

    static String chainId(ChainFamily family, String value) {
        boolean ok = switch (family) {
            case EVM -> EVM_CHAIN_ID.matcher(value).matches();
            case COSMOS -> COSMOS_CHAIN_ID.matcher(value).matches();
            case SOLANA ->
                SOLANA_CLUSTERS.contains(value.startsWith("solana:") ? value.substring("solana:".length()) : value);
        };
        if (!ok) {
            throw PantheraException.validation(
                    switch (family) {
                        case EVM -> "sign-in message: Chain ID must be a decimal EVM chain id";
                        case COSMOS -> "sign-in message: Chain ID is not a valid Cosmos chain id";
                        case SOLANA ->
                            "sign-in message: Chain ID must be mainnet, testnet, devnet or localnet"
                                    + " (optionally solana:-prefixed)";
                    });
        }
        return value;
    }

    /** An RFC 3339 date-time with seconds and an explicit offset. */
    static Instant time(String field, String value) {
        if (value.length() > 40 || !RFC3339.matcher(value).matches()) {
            throw PantheraException.validation("sign-in message: " + field + " is not an RFC 3339 date-time");
        }
        try {
            String normalized = value.replace('t', 'T').replace('z', 'Z');
            return OffsetDateTime.parse(normalized).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            throw PantheraException.validation("sign-in message: " + field + " is not a valid date-time");
        }
    }
}
