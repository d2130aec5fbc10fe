package dev.panthera.platform.secrets;

import dev.panthera.shared.SecretBox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce. Envelope: {@code 0x01 | key-id length | key id (ASCII) |
 * nonce (12) | ciphertext+tag}. The key id is the first 8 hex digits of sha256(key), so a row names
 * the key that sealed it without revealing it; the first key seals, all of them open.
 */
final class AesGcmSecretBox implements SecretBox {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /** @param keys 32-byte keys, newest first: the first seals, every one opens */
    AesGcmSecretBox(List<byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("At least one master key is needed");
        }
        for (byte[] key : keys) {
            if (key.length != 32) {
                throw new IllegalArgumentException("A master key must be 32 bytes, got " + key.length);
            }
            this.keys.put(keyId(key), new SecretKeySpec(key, "AES"));
        }
        this.currentKeyId = keyId(keys.get(0));
    }

    static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] seal(byte[] plaintext, String context) {
        byte[] kid = currentKeyId.getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, context, plaintext);
        return ByteBuffer.allocate(2 + kid.length + NONCE_BYTES + ciphertext.length)
                .put(VERSION)
                .put((byte) kid.length)
                .put(kid)
                .put(nonce)
                .put(ciphertext)
                .array();
    }

    @Override
    public byte[] open(byte[] sealed, String context) {
        if (sealed.length < 2 || sealed[0] != VERSION || sealed.length < 2 + sealed[1] + NONCE_BYTES + 16) {
            throw new IllegalArgumentException("Not a sealed value");
        }
        int kidLength = sealed[1];
        String kid = new String(sealed, 2, kidLength, StandardCharsets.US_ASCII);
        SecretKeySpec key = keys.get(kid);
        if (key == null) {
            throw new IllegalArgumentException("Sealed with key " + kid + ", which is not configured");
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 2 + kidLength, 2 + kidLength + NONCE_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(sealed, 2 + kidLength + NONCE_BYTES, sealed.length);
        return crypt(Cipher.DECRYPT_MODE, key, nonce, context, ciphertext);
    }

    private static byte[] crypt(int mode, SecretKeySpec key, byte[] nonce, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Sealed value is corrupt or belongs to another context", e);
        }
    }
}
