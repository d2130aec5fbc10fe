package dev.panthera.identity.internal.wallet;

import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import fr.acinq.secp256k1.Secp256k1;
import java.util.HexFormat;

/** Shared secp256k1 rules: the native library handle and the low-S (BIP-62 / EIP-2) check. */
final class Secp256k1Signatures {

    static final Secp256k1 NATIVE = Secp256k1.get();

    /** n / 2 for the secp256k1 group order n, big-endian. */
    private static final byte[] HALF_N =
            HexFormat.of().parseHex("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

    private Secp256k1Signatures() {}

    /** True when s (bytes 32..63 of r‖s) is above n/2, i.e. the malleable twin of a canonical signature. */
    static boolean isHighS(byte[] signature) {
        for (int i = 0; i < 32; i++) {
            int s = signature[32 + i] & 0xff;
            int h = HALF_N[i] & 0xff;
            if (s != h) {
                return s > h;
            }
        }
        return false;
    }

    static void requireLowS(byte[] signature) {
        if (isHighS(signature)) {
            throw new PantheraException(
                    ProblemCode.INVALID_SIGNATURE, "signature is not canonical (high S); wallets sign with low S");
        }
    }
}
