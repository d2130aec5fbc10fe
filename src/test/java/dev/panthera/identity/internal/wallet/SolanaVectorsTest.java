package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The solana reference vectors (src/test/resources/vectors/solana.json) against the whole sign-in check. */
class SolanaVectorsTest {

    static List<Vectors.Vector> valid() {
        return Vectors.valid(ChainFamily.SOLANA);
    }

    static List<Vectors.Vector> invalid() {
        return Vectors.invalid(ChainFamily.SOLANA);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validVectorVerifies(Vectors.Vector v) {
        WalletVectorAssertions.verifies(ChainFamily.SOLANA, v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidVectorFailsWithExpectedCode(Vectors.Vector v) {
        WalletVectorAssertions.failsWithExpectedCode(ChainFamily.SOLANA, v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void formattingTheParsedMessageReproducesIt(Vectors.Vector v) {
        WalletVectorAssertions.formatsByteExactly(ChainFamily.SOLANA, v);
    }

    @Test
    void vectorsArePresent() {
        assertThat(valid()).isNotEmpty();
        assertThat(invalid()).isNotEmpty();
    }
}
