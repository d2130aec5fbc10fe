package dev.panthera.agent;

import dev.panthera.agent.internal.metadata.MetadataParser;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Panthera's sealed-metadata envelope, version 1: a collection's agent metadata encrypted with the
 * collection's AES-256 key, so the token URI can be public while the agent's configuration is not.
 *
 * <pre>{@code
 * {"panthera_sealed": 1, "alg": "A256GCM",
 *  "kid": "<first 4 bytes of sha256(key), 8 lowercase hex>",
 *  "nonce": "<base64, 12 random bytes>",
 *  "ciphertext": "<base64 of AES-GCM ciphertext || 16-byte tag>",
 *  "aad": "panthera:metadata:<collection id>"}
 * }</pre>
 *
 * The plaintext is the metadata JSON (UTF-8); the associated data is always {@code
 * panthera:metadata:<collection id>} (the {@code aad} field only repeats it so a mismatch can be
 * named), so an envelope opens only for the collection it was sealed for. Base64 is standard with
 * padding. Messages of the exceptions thrown here never contain plaintext or key material.
 */
public final class SealedMetadata {

    public static final int VERSION = 1;
    public static final String ALG = "A256GCM";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedMetadata() {}

    public static String aad(String collection) {
        return "panthera:metadata:" + collection;
    }

    /** A new random 256-bit key. */
    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Decodes a base64 key; anything but 32 bytes is refused. */
    public static byte[] decodeKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the metadata key is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("the metadata key must be 32 bytes (AES-256), got " + key.length);
        }
        return key;
    }

    /** The key id: the first 4 bytes of sha256(key) in hex; names a key without revealing it. */
    public static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the JSON is an envelope (has {@code panthera_sealed}), valid or not. */
    public static boolean isEnvelope(JsonNode node) {
        return node != null && node.isObject() && node.has("panthera_sealed");
    }

    /** Seals the metadata JSON bytes for a collection. */
    public static ObjectNode seal(byte[] key, String collection, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, key, nonce, collection, plaintext);
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("panthera_sealed", VERSION);
        envelope.put("alg", ALG);
        envelope.put("kid", keyId(key));
        envelope.put("nonce", Base64.getEncoder().encodeToString(nonce));
        envelope.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        envelope.put("aad", aad(collection));
        return envelope;
    }

    /** Opens an envelope sealed for this collection with this key; a clear, content-free error otherwise. */
    public static byte[] open(byte[] key, String collection, JsonNode envelope) {
        if (!isEnvelope(envelope)) {
            throw new IllegalArgumentException("not a sealed-metadata envelope");
        }
        if (!envelope.path("panthera_sealed").isIntegralNumber()
                || envelope.path("panthera_sealed").asInt() != VERSION) {
            throw new IllegalArgumentException("unsupported envelope version (panthera_sealed must be 1)");
        }
        if (!ALG.equals(envelope.path("alg").asString(null))) {
            throw new IllegalArgumentException("unsupported envelope alg (must be " + ALG + ")");
        }
        String kid = envelope.path("kid").asString("");
        if (!kid.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("envelope kid must be 8 lowercase hex digits");
        }
        if (!kid.equals(keyId(key))) {
            throw new IllegalArgumentException("metadata was sealed with key " + kid + ", but collection " + collection
                    + "'s metadata-key is " + keyId(key));
        }
        JsonNode aad = envelope.get("aad");
        if (aad != null && !aad(collection).equals(aad.asString(""))) {
            throw new IllegalArgumentException("metadata was sealed for another collection, not " + collection);
        }
        byte[] nonce = base64(envelope, "nonce");
        byte[] ciphertext = base64(envelope, "ciphertext");
        if (nonce.length != NONCE_BYTES || ciphertext.length < TAG_BITS / 8) {
            throw new IllegalArgumentException("envelope nonce must be 12 bytes and ciphertext at least 16");
        }
        return crypt(Cipher.DECRYPT_MODE, key, nonce, collection, ciphertext);
    }

    /** The problems the metadata JSON has (empty when Panthera would accept it), for sealing tools. */
    public static List<String> validate(byte[] metadataJson) {
        return MetadataParser.problems(metadataJson);
    }

    /** {@code data:application/json;base64,...}: a token URI that carries the document itself. */
    public static String dataUri(String json) {
        return "data:application/json;base64,"
                + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] base64(JsonNode envelope, String field) {
        try {
            return Base64.getDecoder().decode(envelope.path(field).asString(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("envelope " + field + " is not valid base64");
        }
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, String collection, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(collection).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException(
                    "sealed metadata failed authentication: the ciphertext was altered or sealed for another collection");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "sealed metadata could not be opened (" + e.getClass().getSimpleName() + ")");
        }
    }
}
