package dev.panthera.platform.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in free text: values of sensitive keys ({@code signature=…}, {@code "access_token":"…"},
 * {@code Authorization: …}) and secret-shaped tokens wherever they stand (JWTs, API keys, Bearer tokens, 64 and
 * 128+ hex digits, long base58/base64 blobs, URL passwords). Public data stays readable for debugging:
 * EVM addresses (40 hex), UUIDs, bech32 addresses, paths, labelled Solana addresses.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    /** Keys that match also as a suffix: {@code wallet_signature}, {@code clientSecret}, {@code x-api-key}. */
    static final String SECRET_KEYS = "signatures?|access[_-]?tokens?|refresh[_-]?tokens?|id[_-]?token|api[_-]?keys?"
            + "|passwords?|passwd|passphrase|secrets?|private[_-]?keys?|master[_-]?key|mnemonic|seed[_-]?phrase"
            + "|jwks|prompt|authorization|cookie";
    /** Words too common as suffixes ({@code error_message}, {@code nft_token_id}): whole keys only. */
    static final String CONTENT_KEYS = "message|messages|content|response|token";

    /** At most one space before the separator: a padded logger name ({@code RefreshTokens   : msg}) is no key. */
    private static final Pattern KEY = Pattern.compile("(?:(?<![A-Za-z0-9_.-])(?<content>(?i:" + CONTENT_KEYS
            + "))|(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))(?<secret>(?i:" + SECRET_KEYS + ")))"
            + "(?![A-Za-z0-9_])(?:\\\\?[\"'])? ?(?<sep>[=:])[ \\t]*");

    private static final Pattern SENSITIVE_NAME = Pattern.compile(
            "(?i:" + CONTENT_KEYS + ")|(?:.*(?:[^A-Za-z0-9]" + "|(?<=[a-z])(?=[A-Z])))?(?i:" + SECRET_KEYS + ")");

    private static final Pattern JWT =
            Pattern.compile("eyJ[A-Za-z0-9_-]*\\.eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]*){0,2}");
    /**
     * Panthera API keys ({@code pnt_} + 43 base64url characters) wherever they stand, even where the
     * blob rule would let them through (a key without a digit); the 12-character prefix lists
     * show stays readable.
     */
    private static final Pattern API_KEY = Pattern.compile("(?<![A-Za-z0-9_-])pnt_[A-Za-z0-9_-]{16,}");

    private static final Pattern BEARER = Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]*:)[^/\\s@]+@");
    private static final Pattern HEX = Pattern.compile(
            "(?<![A-Za-z0-9])(?<!sha256:)(?:0[xX])?(?:[0-9a-fA-F]{128,}|[0-9a-fA-F]{64})(?![A-Za-z0-9])");
    private static final Pattern BLOB =
            Pattern.compile("(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{43,}={0,2}(?![A-Za-z0-9+/=_-])");
    private static final Pattern BASE58 = Pattern.compile("[1-9A-HJ-NP-Za-km-z]{32,44}");
    private static final Pattern ADDRESS_LABEL = Pattern.compile(
            "(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))(?i:address|wallet|owner|signer|public[_-]?key|pubkey)"
                    + "[\"']?\\s*[=:]?\\s*[\"']?$");
    /** Possessive quantifiers: a path segment is logged input, so no backtracking blow-up on it. */
    private static final Pattern PATH_SEGMENT = Pattern.compile("[a-z0-9._~-]*+|(?:[A-Z]?+[a-z]++)++[0-9]*+");

    private Redactor() {}

    /** The text with every secret replaced by {@link #MASK}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = KeyValues.mask(text, KEY);
        out = JWT.matcher(out).replaceAll(MASK);
        out = API_KEY.matcher(out).replaceAll(MASK);
        out = BEARER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        out = URL_PASSWORD.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        out = HEX.matcher(out).replaceAll(MASK);
        return maskBlobs(out);
    }

    /** True for a key whose value is never logged (an MDC key, a JSON field, a header name). */
    public static boolean isSensitiveKey(String key) {
        return key != null && SENSITIVE_NAME.matcher(key).matches();
    }

    private static String maskBlobs(String text) {
        Matcher blob = BLOB.matcher(text);
        if (!blob.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            if (looksSecret(blob.group(), text, blob.start())) {
                out.append(text, last, blob.start()).append(MASK);
                last = blob.end();
            }
        } while (blob.find());
        return out.append(text, last, text.length()).toString();
    }

    /**
     * Random keys, tokens and signatures mix digits, upper and lower case; identifiers, bech32
     * addresses (lower case) and paths do not. A Solana address after an address label stays.
     */
    private static boolean looksSecret(String candidate, String text, int start) {
        if (!candidate.chars().anyMatch(Character::isDigit)
                || !candidate.chars().anyMatch(Character::isUpperCase)
                || !candidate.chars().anyMatch(Character::isLowerCase)) {
            return false;
        }
        if (candidate.startsWith("/") && isPath(candidate)) {
            return false;
        }
        return !(BASE58.matcher(candidate).matches()
                && ADDRESS_LABEL
                        .matcher(text.substring(Math.max(0, start - 24), start))
                        .find());
    }

    private static boolean isPath(String candidate) {
        for (String segment : candidate.substring(1).split("/")) {
            if (!PATH_SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }
}
