package dev.panthera.identity.internal.wallet;

import dev.panthera.shared.AminoJson;
import dev.panthera.shared.PantheraException;
import fr.acinq.bitcoin.Bech32;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.web3j.crypto.Hash;

/**
 * The exact bytes each wallet family signs, and how a public key becomes an address. Shared by
 * the verifiers and by {@link dev.panthera.identity.DevWallet}, so signing and verifying cannot
 * drift apart.
 */
public final class SigningPayloads {

    private static final byte[] EIP191_PREFIX = "\u0019Ethereum Signed Message:\n".getBytes(StandardCharsets.US_ASCII);
    private static final String DOC_HEAD =
            "{\"account_number\":\"0\",\"chain_id\":\"\",\"fee\":{\"amount\":[],\"gas\":\"0\"},"
                    + "\"memo\":\"\",\"msgs\":[{\"type\":\"sign/MsgSignData\",\"value\":{\"data\":";
    private static final String DOC_SIGNER = ",\"signer\":";
    private static final String DOC_TAIL = "}}],\"sequence\":\"0\"}";

    private SigningPayloads() {}

    /** EIP-191 {@code personal_sign}: keccak256("\x19Ethereum Signed Message:\n" + byte length + message). */
    public static byte[] eip191Hash(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] length = Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[EIP191_PREFIX.length + length.length + body.length];
        System.arraycopy(EIP191_PREFIX, 0, all, 0, EIP191_PREFIX.length);
        System.arraycopy(length, 0, all, EIP191_PREFIX.length, length.length);
        System.arraycopy(body, 0, all, EIP191_PREFIX.length + length.length, body.length);
        return Hash.sha3(all);
    }

    /** The 20-byte EVM address of an uncompressed (65-byte, 0x04-prefixed) secp256k1 public key. */
    public static byte[] evmAddress(byte[] uncompressedPublicKey) {
        if (uncompressedPublicKey.length != 65 || uncompressedPublicKey[0] != 4) {
            throw new IllegalArgumentException("expected a 65-byte uncompressed public key");
        }
        byte[] hash = Hash.sha3(uncompressedPublicKey, 1, 64);
        byte[] address = new byte[20];
        System.arraycopy(hash, 12, address, 0, 20);
        return address;
    }

    /**
     * The ADR-036 sign doc Keplr's {@code signArbitrary} signs, serialized exactly as
     * {@code @cosmjs/amino serializeSignDoc} does: sorted keys, no whitespace, {@code <>&} escaped.
     */
    public static byte[] adr036SignDoc(String signer, String message) {
        String data = Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(DOC_HEAD.length() + data.length() + signer.length() + 48);
        sb.append(DOC_HEAD);
        AminoJson.appendString(sb, data);
        sb.append(DOC_SIGNER);
        AminoJson.appendString(sb, signer);
        sb.append(DOC_TAIL);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The bech32 account address of a 33-byte compressed secp256k1 key: bech32(prefix, ripemd160(sha256(key))). */
    public static String cosmosAddress(String prefix, byte[] compressedPublicKey) {
        return Bech32.encodeBytes(prefix, cosmosAddressBytes(compressedPublicKey), Bech32.Encoding.Bech32);
    }

    static byte[] cosmosAddressBytes(byte[] compressedPublicKey) {
        byte[] sha = sha256(compressedPublicKey);
        RIPEMD160Digest ripemd = new RIPEMD160Digest();
        ripemd.update(sha, 0, sha.length);
        byte[] out = new byte[20];
        ripemd.doFinal(out, 0);
        return out;
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new PantheraException(dev.panthera.shared.ProblemCode.INTERNAL, "SHA-256 is unavailable");
        }
    }
}
