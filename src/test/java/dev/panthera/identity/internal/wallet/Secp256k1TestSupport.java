package dev.panthera.identity.internal.wallet;

import java.math.BigInteger;

/** Builds malleated (high-S) secp256k1 signatures for tests. */
final class Secp256k1TestSupport {

    static final BigInteger N = new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    private Secp256k1TestSupport() {}

    /** A copy of r‖s(‖v) with s replaced by n - s. */
    static byte[] negateS(byte[] signature) {
        byte[] out = signature.clone();
        byte[] s = new byte[32];
        System.arraycopy(signature, 32, s, 0, 32);
        byte[] negated = N.subtract(new BigInteger(1, s)).toByteArray();
        byte[] padded = new byte[32];
        int len = Math.min(negated.length, 32);
        System.arraycopy(negated, negated.length - len, padded, 32 - len, len);
        System.arraycopy(padded, 0, out, 32, 32);
        return out;
    }
}
