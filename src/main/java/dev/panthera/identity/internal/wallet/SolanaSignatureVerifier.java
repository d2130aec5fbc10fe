package dev.panthera.identity.internal.wallet;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/** Sign-In With Solana: Ed25519 over the UTF-8 message; the public key is the base58 address. */
final class SolanaSignatureVerifier implements WalletSignatureVerifier {

    static final SolanaSignatureVerifier INSTANCE = new SolanaSignatureVerifier();

    /** DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private static final ThreadLocal<KeyFactory> KEY_FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return KeyFactory.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    });
    private static final ThreadLocal<Signature> SIGNATURE = ThreadLocal.withInitial(() -> {
        try {
            return Signature.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    });

    private SolanaSignatureVerifier() {}

    @Override
    public ChainFamily family() {
        return ChainFamily.SOLANA;
    }

    @Override
    public void verify(String canonicalAddress, String message, String signature, String publicKey) {
        byte[] sig = Encodings.base58("signature", signature, 64);
        byte[] key = Encodings.base58("wallet_address", canonicalAddress, 32);
        boolean valid;
        try {
            Signature verifier = SIGNATURE.get();
            verifier.initVerify(publicKey(key));
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            valid = verifier.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new PantheraException(ProblemCode.INVALID_SIGNATURE, "signature does not match the wallet address");
        }
    }

    static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] der = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
        return KEY_FACTORY.get().generatePublic(new X509EncodedKeySpec(der));
    }
}
