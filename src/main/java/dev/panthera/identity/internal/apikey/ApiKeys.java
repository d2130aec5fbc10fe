package dev.panthera.identity.internal.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The key format: {@code pnt_} + base64url (no padding) of 32 SecureRandom bytes. Only the key's
 * sha256 is stored: with 256 random bits there is nothing to brute-force, so a slow password hash
 * would only cost time on every model call.
 */
public final class ApiKeys {

    public static final String PREFIX = "pnt_";
    static final int RANDOM_BYTES = 32;
    /** What lists show: the prefix and 8 characters (48 of the 256 bits), enough to tell keys apart. */
    static final int SHOWN_CHARS = PREFIX.length() + 8;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("pnt_[A-Za-z0-9_-]{43}");

    private ApiKeys() {}

    /** True when a bearer token is meant as an API key (access tokens are JWTs and never start so). */
    public static boolean isApiKey(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has the exact shape of a key, so junk never reaches the database. */
    static boolean wellFormed(String key) {
        return key != null && SHAPE.matcher(key).matches();
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String displayPrefix(String key) {
        return key.substring(0, SHOWN_CHARS);
    }
}
