package dev.panthera.platform.logging;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Secret-shaped test values, freshly random so no test can pass by matching a constant. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private Secrets() {}

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static String hex(int bytes) {
        return HexFormat.of().formatHex(bytes(bytes));
    }

    static String base64(int bytes) {
        return Base64.getEncoder().encodeToString(bytes(bytes));
    }

    static String base64Url(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(bytes));
    }

    static String base58(int bytes) {
        BigInteger n = new BigInteger(1, bytes(bytes));
        StringBuilder out = new StringBuilder();
        BigInteger radix = BigInteger.valueOf(58);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(radix);
            out.append(BASE58.charAt(qr[1].intValue()));
            n = qr[0];
        }
        return out.reverse().toString();
    }

    static String jwt() {
        String header =
                Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"ES256\",\"kid\":\"k1\"}".getBytes());
        String claims = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"sub\":\"0x71C7656EC7ab88b098defB751B7401B5f6d8976F\",\"sid\":\"" + hex(8) + "\"}")
                        .getBytes());
        return header + "." + claims + "." + base64Url(64);
    }
}
