package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import fr.acinq.bitcoin.Base58;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The (BouncyCastle) Solana verifier agrees with the JDK's own Ed25519 on every vector and on tampering. */
class SolanaSignatureVerifierTest {

    static Stream<Vectors.Vector> vectors() {
        return Stream.concat(
                Vectors.valid(ChainFamily.SOLANA).stream(),
                Vectors.invalid(ChainFamily.SOLANA).stream().filter(v -> "INVALID_SIGNATURE".equals(v.expectedCode())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void agreesWithTheJdkEd25519(Vectors.Vector v) throws Exception {
        assertThat(ours(v.address(), v.message(), v.signature()))
                .isEqualTo(jdk(v.address(), v.message(), v.signature()));
        String tampered = v.message() + " ";
        assertThat(ours(v.address(), tampered, v.signature())).isFalse();
        assertThat(jdk(v.address(), tampered, v.signature())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void agreesOnDevWalletSignatures(Vectors.Vector v) throws Exception {
        DevWallet wallet = DevWallet.generate(ChainFamily.SOLANA, null);
        String signature = wallet.sign(v.message());
        assertThat(ours(wallet.address(), v.message(), signature)).isTrue();
        assertThat(jdk(wallet.address(), v.message(), signature)).isTrue();
    }

    private static boolean ours(String address, String message, String signature) {
        try {
            SolanaSignatureVerifier.INSTANCE.verify(address, message, signature, null);
            return true;
        } catch (dev.panthera.shared.PantheraException e) {
            return false;
        }
    }

    private static boolean jdk(String address, String message, String signature) throws Exception {
        byte[] der = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] spki = new byte[44];
        System.arraycopy(der, 0, spki, 0, 12);
        System.arraycopy(Base58.decode(address), 0, spki, 12, 32);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        try {
            return verifier.verify(Base58.decode(signature));
        } catch (java.security.SignatureException e) {
            return false;
        }
    }
}
