package dev.panthera.ownership.provider.solana;

import fr.acinq.bitcoin.Base58;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Solana program derived addresses, as the runtime derives them ({@code Pubkey::create_program_address}
 * and {@code find_program_address}): {@code sha256(seed_1 ‖ … ‖ seed_n ‖ program id ‖
 * "ProgramDerivedAddress")}, valid only when the hash is <em>not</em> the encoding of a point on
 * the ed25519 curve; the search appends a one-byte bump seed from 255 down to 1 and takes the first
 * valid one. Addresses are base58 of 32 bytes.
 */
final class ProgramAddress {

    static final int MAX_SEEDS = 16;
    static final int MAX_SEED_LENGTH = 32;
    private static final byte[] MARKER = "ProgramDerivedAddress".getBytes(StandardCharsets.US_ASCII);

    /** p = 2^255 - 19 */
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** d = -121665 / 121666 mod p, the twisted Edwards constant of edwards25519 */
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P))
            .mod(P);

    private static final BigInteger LEGENDRE_EXPONENT =
            P.subtract(BigInteger.ONE).shiftRight(1);

    private ProgramAddress() {}

    /** A derived address and the bump seed that made it. */
    record Found(byte[] address, int bump) {
        String base58() {
            return Base58.encode(address);
        }
    }

    /** The first valid address for {@code seeds} + [bump], bump from 255 down to 1. */
    static Found find(List<byte[]> seeds, byte[] programId) {
        if (seeds.size() + 1 > MAX_SEEDS) {
            throw new IllegalArgumentException("at most " + (MAX_SEEDS - 1) + " seeds before the bump");
        }
        for (int bump = 255; bump > 0; bump--) {
            List<byte[]> withBump = new ArrayList<>(seeds);
            withBump.add(new byte[] {(byte) bump});
            Optional<byte[]> address = create(withBump, programId);
            if (address.isPresent()) {
                return new Found(address.get(), bump);
            }
        }
        throw new IllegalStateException("no viable bump seed");
    }

    /** The address for exactly these seeds, empty when the hash falls on the curve. */
    static Optional<byte[]> create(List<byte[]> seeds, byte[] programId) {
        if (programId.length != 32) {
            throw new IllegalArgumentException("a program id is 32 bytes");
        }
        if (seeds.size() > MAX_SEEDS) {
            throw new IllegalArgumentException("at most " + MAX_SEEDS + " seeds");
        }
        MessageDigest sha256 = sha256();
        for (byte[] seed : seeds) {
            if (seed.length > MAX_SEED_LENGTH) {
                throw new IllegalArgumentException("a seed is at most " + MAX_SEED_LENGTH + " bytes");
            }
            sha256.update(seed);
        }
        sha256.update(programId);
        sha256.update(MARKER);
        byte[] hash = sha256.digest();
        return isOnCurve(hash) ? Optional.empty() : Optional.of(hash);
    }

    /**
     * Whether these 32 bytes decompress to an ed25519 point, as curve25519-dalek's
     * {@code CompressedEdwardsY::decompress} (which the Solana runtime uses) decides it: y is the
     * low 255 bits (little-endian), and the point exists when (y² − 1) / (d·y² + 1) is a square
     * mod p. The sign bit does not matter for existence.
     */
    static boolean isOnCurve(byte[] compressed) {
        if (compressed.length != 32) {
            throw new IllegalArgumentException("a compressed point is 32 bytes");
        }
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = compressed[31 - i];
        }
        bigEndian[0] &= 0x7f;
        BigInteger y = new BigInteger(1, bigEndian).mod(P);
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
        if (u.signum() == 0) {
            return true;
        }
        // v is never 0: -1/d is not a square mod p
        BigInteger ratio = u.multiply(v.modInverse(P)).mod(P);
        return ratio.modPow(LEGENDRE_EXPONENT, P).equals(BigInteger.ONE);
    }

    /** The 32 bytes of a base58 address, empty when it is not one (or not in canonical form). */
    static Optional<byte[]> decode(String base58) {
        if (base58 == null || base58.isEmpty() || base58.length() > 44) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base58.decode(base58);
            if (bytes.length != 32 || !Base58.encode(bytes).equals(base58)) {
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
