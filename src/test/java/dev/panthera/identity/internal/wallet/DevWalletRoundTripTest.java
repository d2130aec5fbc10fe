package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** DevWallet signatures go through the same verifiers real wallets' signatures do. */
class DevWalletRoundTripTest {

    private static final Instant NOW = Vectors.NOW;

    @ParameterizedTest
    @EnumSource(ChainFamily.class)
    void aGeneratedWalletSignsAChallengeTheVerifierAccepts(ChainFamily family) {
        WalletSignInVerifier verifier = Vectors.verifier();
        DevWallet wallet = DevWallet.generate(family, "cosmos");
        assertThat(verifier.infer(wallet.address(), null)).isEqualTo(family);
        assertThat(verifier.canonicalAddress(family, wallet.address())).isEqualTo(wallet.address());
        String message = verifier.challengeMessage(
                family, wallet.address(), "Nonce12345678", null, NOW.minusSeconds(10), NOW.plusSeconds(300));
        WalletSignInVerifier.VerifiedSignIn result = verifier.verify(
                wallet.address(), message, wallet.sign(message), wallet.publicKeyEncoded(), family, NOW);
        assertThat(result.walletAddress()).isEqualTo(wallet.address());
        assertThat(result.message().statement()).isEqualTo(WalletSignInVerifier.STATEMENT);
        assertThat(result.message().nonce()).isEqualTo("Nonce12345678");
        assertThat(wallet.toString()).doesNotContain(HexFormat.of().formatHex(wallet.privateKey()));
    }

    @ParameterizedTest
    @EnumSource(ChainFamily.class)
    void aTamperedMessageIsAnInvalidSignature(ChainFamily family) {
        DevWallet wallet = DevWallet.generate(family, null);
        String signature = wallet.sign("hello");
        WalletSignatureVerifier verifier = WalletSignatureVerifier.of(family);
        assertThat(verifier.family()).isEqualTo(family);
        assertThatCode(() -> verifier.verify(wallet.address(), "hello", signature, wallet.publicKeyEncoded()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify(wallet.address(), "hello!", signature, wallet.publicKeyEncoded()))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.INVALID_SIGNATURE));
        DevWallet other = DevWallet.generate(family, null);
        assertThatThrownBy(() -> verifier.verify(other.address(), "hello", signature, other.publicKeyEncoded()))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.INVALID_SIGNATURE));
    }

    /** Same key, same message: DevWallet reproduces the reference libraries' (deterministic) signatures. */
    @ParameterizedTest
    @EnumSource(ChainFamily.class)
    void reproducesTheReferenceSignaturesFromTheVectorKeys(ChainFamily family) {
        JsonNode file = Vectors.file(family);
        for (Vectors.Vector v : Vectors.valid(family)) {
            JsonNode key = null;
            for (JsonNode k : file.path("keys")) {
                String prefixedAddress = family == ChainFamily.COSMOS
                        ? k.path("addresses")
                                .path(v.address().substring(0, v.address().indexOf('1')))
                                .asString()
                        : k.path("address").asString();
                if (prefixedAddress.equals(v.address())) {
                    key = k;
                }
            }
            assertThat(key).as(v.name()).isNotNull();
            String prefix = family == ChainFamily.COSMOS
                    ? v.address().substring(0, v.address().indexOf('1'))
                    : null;
            DevWallet wallet = DevWallet.fromPrivateKey(
                    family,
                    prefix,
                    HexFormat.of().parseHex(key.path("private_key_hex").asString()));
            assertThat(wallet.address()).isEqualTo(v.address());
            assertThat(wallet.publicKeyEncoded()).isEqualTo(v.publicKey());
            String expected = v.signature();
            if (family == ChainFamily.EVM && (expected.endsWith("00") || expected.endsWith("01"))) {
                int v27 = Integer.parseInt(expected.substring(130), 16) + 27;
                expected = expected.substring(0, 130) + Integer.toHexString(v27);
            }
            assertThat(wallet.sign(v.message())).as(v.name()).isEqualTo(expected);
        }
    }
}
