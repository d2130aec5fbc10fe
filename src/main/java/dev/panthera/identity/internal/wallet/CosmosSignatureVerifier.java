package dev.panthera.identity.internal.wallet;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;

/** ADR-036 as Keplr {@code signArbitrary} signs it: secp256k1 over sha256 of the amino sign doc. */
final class CosmosSignatureVerifier implements WalletSignatureVerifier {

    static final CosmosSignatureVerifier INSTANCE = new CosmosSignatureVerifier();

    private CosmosSignatureVerifier() {}

    @Override
    public ChainFamily family() {
        return ChainFamily.COSMOS;
    }

    @Override
    public void verify(String canonicalAddress, String message, String signature, String publicKey) {
        String signatureBase64 = signature;
        String publicKeyBase64 = publicKey;
        if (KeplrStdSignature.looksLikeJson(signature)) {
            KeplrStdSignature std = KeplrStdSignature.parse(signature);
            if (publicKey != null && !publicKey.isEmpty() && !publicKey.equals(std.publicKey())) {
                throw PantheraException.validation("public_key differs from the signature's pub_key");
            }
            signatureBase64 = std.signature();
            publicKeyBase64 = std.publicKey();
        }
        byte[] sig = Encodings.base64("signature", signatureBase64, 64);
        if (publicKeyBase64 == null || publicKeyBase64.isEmpty()) {
            throw PantheraException.validation(
                    "public_key is required for Cosmos wallets (base64 of the 33-byte compressed key)");
        }
        byte[] pub = Encodings.base64("public_key", publicKeyBase64, 33);
        if (pub[0] != 2 && pub[0] != 3) {
            throw PantheraException.validation("public_key is not a compressed secp256k1 key");
        }
        Secp256k1Signatures.requireLowS(sig);
        String prefix = canonicalAddress.substring(0, canonicalAddress.lastIndexOf('1'));
        if (!SigningPayloads.cosmosAddress(prefix, pub).equals(canonicalAddress)) {
            throw new PantheraException(
                    ProblemCode.INVALID_SIGNATURE, "public_key does not belong to the wallet address");
        }
        byte[] hash = SigningPayloads.sha256(SigningPayloads.adr036SignDoc(canonicalAddress, message));
        boolean valid;
        try {
            valid = Secp256k1Signatures.NATIVE.verify(sig, hash, pub);
        } catch (RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new PantheraException(ProblemCode.INVALID_SIGNATURE, "signature does not verify for public_key");
        }
    }
}
