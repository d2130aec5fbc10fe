package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The cosmos reference vectors (src/test/resources/vectors/cosmos.json) against the whole sign-in check. */
class CosmosVectorsTest {

    static List<Vectors.Vector> valid() {
        return Vectors.valid(ChainFamily.COSMOS);
    }

    static List<Vectors.Vector> invalid() {
        return Vectors.invalid(ChainFamily.COSMOS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validVectorVerifies(Vectors.Vector v) {
        WalletVectorAssertions.verifies(ChainFamily.COSMOS, v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidVectorFailsWithExpectedCode(Vectors.Vector v) {
        WalletVectorAssertions.failsWithExpectedCode(ChainFamily.COSMOS, v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void formattingTheParsedMessageReproducesIt(Vectors.Vector v) {
        WalletVectorAssertions.formatsByteExactly(ChainFamily.COSMOS, v);
    }

    @Test
    void vectorsArePresent() {
        assertThat(valid()).isNotEmpty();
        assertThat(invalid()).isNotEmpty();
    }

    static Stream<Vectors.Vector> all() {
        return Stream.concat(valid().stream(), invalid().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void signDocBytesEqualCosmjsSerializeSignDoc(Vectors.Vector v) {
        byte[] doc = SigningPayloads.adr036SignDoc(v.address(), v.message());
        assertThat(new String(doc, StandardCharsets.UTF_8)).isEqualTo(v.signDocJson());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void keplrStdSignatureJsonIsAcceptedInPlaceOfTheSignature(Vectors.Vector v) {
        assertThat(v.stdSignatureJson()).contains("tendermint/PubKeySecp256k1");
        WalletSignInVerifier.VerifiedSignIn result =
                Vectors.verifier().verify(v.address(), v.message(), v.stdSignatureJson(), null, null, Vectors.NOW);
        assertThat(result.walletAddress()).isEqualTo(v.address());
        // the same public key passed alongside is fine too
        Vectors.verifier().verify(v.address(), v.message(), v.stdSignatureJson(), v.publicKey(), null, Vectors.NOW);
    }

    @Test
    void stdSignatureWhosePubKeyDiffersFromPublicKeyIsRejected() {
        Vectors.Vector v = valid().get(0);
        String otherKey = Vectors.file(ChainFamily.COSMOS)
                .path("keys")
                .get(1)
                .path("public_key_base64")
                .asString();
        assertThatThrownBy(() -> Vectors.verifier()
                        .verify(v.address(), v.message(), v.stdSignatureJson(), otherKey, null, Vectors.NOW))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
    }

    @Test
    void publicKeyIsRequiredWithABareSignature() {
        Vectors.Vector v = valid().get(0);
        assertThatThrownBy(() ->
                        Vectors.verifier().verify(v.address(), v.message(), v.signature(), null, null, Vectors.NOW))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
    }
}
