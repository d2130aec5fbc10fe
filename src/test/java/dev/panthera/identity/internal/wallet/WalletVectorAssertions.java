package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;

/** The checks every family's vector test makes. */
final class WalletVectorAssertions {

    private WalletVectorAssertions() {}

    static void verifies(ChainFamily family, Vectors.Vector v) {
        WalletSignInVerifier.VerifiedSignIn result =
                Vectors.verifier().verify(v.address(), v.message(), v.signature(), v.publicKey(), null, Vectors.NOW);
        assertThat(result.family()).isEqualTo(family);
        assertThat(result.walletAddress()).isEqualTo(v.address());
        assertThat(result.message().nonce()).isEqualTo(v.nonce());
        assertThat(result.message().chainId()).isEqualTo(v.chainId());
        // and with the family named explicitly
        assertThat(Vectors.verifier()
                        .verify(v.address(), v.message(), v.signature(), v.publicKey(), family, Vectors.NOW)
                        .walletAddress())
                .isEqualTo(v.address());
    }

    static void failsWithExpectedCode(ChainFamily family, Vectors.Vector v) {
        PantheraException e = catchThrowableOfType(
                PantheraException.class,
                () -> Vectors.verifier()
                        .verify(v.address(), v.message(), v.signature(), v.publicKey(), null, Vectors.NOW));
        assertThat(e).as(v.name()).isNotNull();
        assertThat(e.code().name()).as(v.name() + ": " + e.getMessage()).isEqualTo(v.expectedCode());
        assertThat(e.getMessage()).isNotBlank();
        PantheraException named = catchThrowableOfType(
                PantheraException.class,
                () -> Vectors.verifier()
                        .verify(v.address(), v.message(), v.signature(), v.publicKey(), family, Vectors.NOW));
        assertThat(named.code().name())
                .as(v.name() + " with chain: " + named.getMessage())
                .isEqualTo(v.expectedCode());
    }

    static void formatsByteExactly(ChainFamily family, Vectors.Vector v) {
        SignInMessage parsed = SignInMessageCodec.parse(family, v.message());
        assertThat(SignInMessageCodec.format(parsed)).isEqualTo(v.message());
        assertThat(SignInMessageCodec.parse(family, SignInMessageCodec.format(parsed)))
                .isEqualTo(parsed);
    }
}
