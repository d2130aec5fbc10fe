package dev.panthera.shared;

/**
 * Encrypts secrets before they reach a disk or a table (AES-256-GCM). Ciphertexts name the key
 * that sealed them, so keys can rotate while old rows stay readable.
 */
public interface SecretBox {

    /** Seals the bytes; {@code context} is bound as associated data and must match on open. */
    byte[] seal(byte[] plaintext, String context);

    /** Opens what {@link #seal} made; a tampered ciphertext or another context fails. */
    byte[] open(byte[] sealed, String context);
}
