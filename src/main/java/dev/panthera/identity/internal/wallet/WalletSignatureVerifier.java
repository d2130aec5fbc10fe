package dev.panthera.identity.internal.wallet;

import dev.panthera.identity.ChainFamily;

/** Checks one family's native signature over a sign-in message. */
interface WalletSignatureVerifier {

    ChainFamily family();

    /**
     * Returns normally when {@code signature} is the wallet's signature over {@code message}.
     * Throws INVALID_SIGNATURE when it is well-formed but does not verify for the address, and
     * VALIDATION_FAILED when an encoding or length is wrong.
     *
     * @param canonicalAddress the wallet address in {@link WalletAddresses#canonical} form
     * @param publicKey the family's public key encoding when the signature does not carry it, or null
     */
    void verify(String canonicalAddress, String message, String signature, String publicKey);

    static WalletSignatureVerifier of(ChainFamily family) {
        return switch (family) {
            case EVM -> EvmSignatureVerifier.INSTANCE;
            case COSMOS -> CosmosSignatureVerifier.INSTANCE;
            case SOLANA -> SolanaSignatureVerifier.INSTANCE;
        };
    }
}
