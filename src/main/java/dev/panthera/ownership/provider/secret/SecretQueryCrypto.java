package dev.panthera.ownership.provider.secret;

import com.google.crypto.tink.subtle.AesSiv;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The encryption of Secret Network contract queries, as secretjs's {@code EncryptionUtilsImpl}
 * (1.22) does it and the enclave undoes it (SecretNetwork {@code contract-engine/src/io.rs},
 * {@code crypto/src/kdf.rs}, {@code crypto/src/aes_siv.rs}):
 *
 * <ul>
 *   <li>the client's x25519 key pair from a 32-byte seed (curve25519-js {@code generateKeyPair}:
 *       the clamped seed is the private key);
 *   <li>tx encryption key = HKDF-SHA256(ikm = x25519(client private, consensus IO public) ‖ nonce,
 *       salt = {@link #HKDF_SALT}, info = empty, 32 bytes);
 *   <li>AES-SIV (RFC 5297) under that 32-byte key, i.e. AES-128-SIV: the first 16 bytes key
 *       S2V/CMAC, the last 16 bytes key CTR (miscreant; the enclave's {@code Aes128Siv}), with
 *       exactly one associated-data string, the empty one ({@code [new Uint8Array()]} in secretjs,
 *       {@code &[&[]]} in the enclave). Output = 16-byte synthetic IV ‖ ciphertext;
 *   <li>plaintext = the contract's code hash (64 lowercase hex characters) ‖ the JSON query; the
 *       encrypted query sent = nonce (32) ‖ client public key (32) ‖ AES-SIV output.
 * </ul>
 *
 * Answers (and contract errors) are AES-SIV-sealed with the same key.
 */
final class SecretQueryCrypto {

    /** The Bitcoin halving block hash the enclave uses as HKDF salt (kdf.rs {@code KDF_SALT}). */
    static final byte[] HKDF_SALT =
            HexFormat.of().parseHex("000000000000000000024bead8df69990852c202db0e0097c1a12ea637d7e96d");

    private SecretQueryCrypto() {}

    /** An x25519 key pair; {@code privateKey} is clamped. */
    record KeyPair(byte[] privateKey, byte[] publicKey) {

        static KeyPair fromSeed(byte[] seed) {
            if (seed.length != 32) {
                throw new IllegalArgumentException("an x25519 seed is 32 bytes");
            }
            byte[] privateKey = seed.clone();
            privateKey[0] &= (byte) 248;
            privateKey[31] &= 127;
            privateKey[31] |= 64;
            byte[] publicKey = new byte[32];
            X25519.scalarMultBase(privateKey, 0, publicKey, 0);
            return new KeyPair(privateKey, publicKey);
        }
    }

    /** HKDF-SHA256(x25519(privateKey, consensusIoPublicKey) ‖ nonce, HKDF_SALT) → 32 bytes. */
    static byte[] txEncryptionKey(byte[] privateKey, byte[] consensusIoPublicKey, byte[] nonce) {
        if (consensusIoPublicKey.length != 32 || nonce.length != 32) {
            throw new IllegalArgumentException("the consensus IO key and the nonce are 32 bytes each");
        }
        byte[] shared = new byte[32];
        if (!X25519.calculateAgreement(privateKey, 0, consensusIoPublicKey, 0, shared, 0)) {
            throw new IllegalArgumentException("the consensus IO key is a low-order point");
        }
        byte[] ikm = new byte[64];
        System.arraycopy(shared, 0, ikm, 0, 32);
        System.arraycopy(nonce, 0, ikm, 32, 32);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, HKDF_SALT, new byte[0]));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }

    static byte[] seal(byte[] txEncryptionKey, byte[] plaintext) {
        try {
            return new AesSiv(txEncryptionKey).encryptDeterministically(plaintext, new byte[0]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-SIV is unavailable", e);
        }
    }

    /** @throws GeneralSecurityException when the ciphertext was not sealed under this key */
    static byte[] open(byte[] txEncryptionKey, byte[] ciphertext) throws GeneralSecurityException {
        return new AesSiv(txEncryptionKey).decryptDeterministically(ciphertext, new byte[0]);
    }

    /** One encrypted query and the key its answer will be sealed with. */
    record EncryptedQuery(byte[] bytes, byte[] txEncryptionKey) {}

    /** nonce ‖ client public key ‖ AES-SIV(codeHash ‖ queryJson), for the given seed and nonce. */
    static EncryptedQuery encrypt(
            byte[] seed, byte[] nonce, byte[] consensusIoPublicKey, String codeHash, String queryJson) {
        KeyPair client = KeyPair.fromSeed(seed);
        byte[] key = txEncryptionKey(client.privateKey(), consensusIoPublicKey, nonce);
        byte[] sealed = seal(key, (codeHash + queryJson).getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[64 + sealed.length];
        System.arraycopy(nonce, 0, out, 0, 32);
        System.arraycopy(client.publicKey(), 0, out, 32, 32);
        System.arraycopy(sealed, 0, out, 64, sealed.length);
        return new EncryptedQuery(out, key);
    }
}
