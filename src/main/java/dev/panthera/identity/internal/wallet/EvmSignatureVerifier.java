package dev.panthera.identity.internal.wallet;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.security.MessageDigest;
import java.util.HexFormat;

/** EIP-191 {@code personal_sign}: recovers the signer with libsecp256k1 and compares its address. */
final class EvmSignatureVerifier implements WalletSignatureVerifier {

    static final EvmSignatureVerifier INSTANCE = new EvmSignatureVerifier();

    private EvmSignatureVerifier() {}

    @Override
    public ChainFamily family() {
        return ChainFamily.EVM;
    }

    @Override
    public void verify(String canonicalAddress, String message, String signature, String publicKey) {
        byte[] sig = Encodings.hex("signature", signature, 65);
        int v = sig[64] & 0xff;
        int recoveryId = switch (v) {
            case 27, 28 -> v - 27;
            case 0, 1 -> v;
            default -> throw PantheraException.validation("signature: v must be 27, 28, 0 or 1");
        };
        byte[] rs = new byte[64];
        System.arraycopy(sig, 0, rs, 0, 64);
        Secp256k1Signatures.requireLowS(rs);
        byte[] hash = SigningPayloads.eip191Hash(message);
        byte[] recovered;
        try {
            recovered = Secp256k1Signatures.NATIVE.ecdsaRecover(rs, hash, recoveryId);
        } catch (RuntimeException e) {
            throw invalid();
        }
        byte[] expected = HexFormat.of().parseHex(canonicalAddress.substring(2));
        if (!MessageDigest.isEqual(SigningPayloads.evmAddress(recovered), expected)) {
            throw invalid();
        }
    }

    private static PantheraException invalid() {
        return new PantheraException(ProblemCode.INVALID_SIGNATURE, "signature does not match the wallet address");
    }
}
