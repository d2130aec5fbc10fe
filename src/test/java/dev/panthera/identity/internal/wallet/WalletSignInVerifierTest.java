package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.net.URI;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalletSignInVerifierTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static void rejected(Runnable r, ProblemCode code, String fragment) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(PantheraException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(fragment);
        });
    }

    @Test
    void challengeMessagesPerFamily() {
        WalletSignInVerifier verifier = Vectors.verifier();
        String evm = verifier.challengeMessage(
                ChainFamily.EVM,
                "0x70fcb1cc30342f2690d72aa142e7ea272307701c",
                "Nonce12345678",
                null,
                AT,
                AT.plusSeconds(300));
        assertThat(evm)
                .isEqualTo("localhost:8080 wants you to sign in with your Ethereum account:\n"
                        + "0x70fcb1cc30342f2690d72Aa142e7ea272307701C\n\nSign in to Panthera.\n\n"
                        + "URI: http://localhost:8080\nVersion: 1\nChain ID: 1\nNonce: Nonce12345678\n"
                        + "Issued At: 2026-01-01T00:00:00Z\nExpiration Time: 2026-01-01T00:05:00Z");
        String solana = verifier.challengeMessage(
                ChainFamily.SOLANA,
                "GgQzY7reisAo2Fg8ZBzVDs6JfX6siSkkXtdzZcSwgzRm",
                "Nonce12345678",
                null,
                AT,
                AT.plusSeconds(300));
        assertThat(solana)
                .contains("your Solana account:\nGgQzY7reisAo2Fg8ZBzVDs6JfX6siSkkXtdzZcSwgzRm\n\nSign in")
                .contains("\nChain ID: mainnet\n");
        String cosmos = verifier.challengeMessage(
                ChainFamily.COSMOS,
                "secret1keuccew0qwafy057lp5d6422kgza56khz73z5g",
                "Nonce12345678",
                null,
                AT,
                AT.plusSeconds(300));
        assertThat(cosmos)
                .startsWith("localhost:8080 wants you to sign in with your Cosmos account:\n")
                .contains("\nChain ID: secret-4\n");
        assertThat(verifier.challengeMessage(
                        ChainFamily.EVM,
                        "0x70fcb1cc30342f2690d72aa142e7ea272307701c",
                        "Nonce12345678",
                        "31337",
                        AT,
                        AT.plusSeconds(300)))
                .contains("\nChain ID: 31337\n");
    }

    @Test
    void challengeTimesAreWrittenToTheMillisecond() {
        Instant issued = Instant.parse("2026-01-01T00:00:00.123456789Z");
        String text = Vectors.verifier()
                .challengeMessage(
                        ChainFamily.EVM,
                        "0x70fcb1cc30342f2690d72aa142e7ea272307701c",
                        "Nonce12345678",
                        null,
                        issued,
                        issued.plusSeconds(300));
        assertThat(text).contains("\nIssued At: 2026-01-01T00:00:00.123Z\nExpiration Time: 2026-01-01T00:05:00.123Z");
    }

    @Test
    void challengeRejectsBadInput() {
        WalletSignInVerifier verifier = Vectors.verifier();
        String address = "0x70fcb1cc30342f2690d72aa142e7ea272307701c";
        rejected(
                () -> verifier.challengeMessage(ChainFamily.EVM, address, "short", null, AT, AT),
                ProblemCode.VALIDATION_FAILED,
                "Nonce");
        rejected(
                () -> verifier.challengeMessage(ChainFamily.EVM, address, "Nonce12345678", "5", AT, AT),
                ProblemCode.VALIDATION_FAILED,
                "Chain ID 5");
        rejected(
                () -> verifier.challengeMessage(
                        ChainFamily.SOLANA,
                        "GgQzY7reisAo2Fg8ZBzVDs6JfX6siSkkXtdzZcSwgzRm",
                        "Nonce12345678",
                        "moonnet",
                        AT,
                        AT),
                ProblemCode.VALIDATION_FAILED,
                "Chain ID");
    }

    @Test
    void defaultEvmChainIsTheFirstConfiguredCollectionsElseOne() {
        WalletSignInVerifier unconfigured =
                new WalletSignInVerifier(Vectors.properties(URI.create("https://panthera.example"), List.of()));
        String text = unconfigured.challengeMessage(
                ChainFamily.EVM,
                "0x70fcb1cc30342f2690d72aa142e7ea272307701c",
                "Nonce12345678",
                null,
                AT,
                AT.plusSeconds(60));
        assertThat(text)
                .startsWith("panthera.example wants you")
                .contains("\nURI: https://panthera.example\n")
                .contains("\nChain ID: 1\n");
        WalletSignInVerifier local = new WalletSignInVerifier(
                Vectors.properties(URI.create("http://localhost:8080"), List.of("31337", "1")));
        assertThat(local.challengeMessage(
                        ChainFamily.EVM,
                        "0x70fcb1cc30342f2690d72aa142e7ea272307701c",
                        "Nonce12345678",
                        null,
                        AT,
                        AT.plusSeconds(60)))
                .contains("\nChain ID: 31337\n");
    }

    @Test
    void inferChecksTheRequestedFamily() {
        WalletSignInVerifier verifier = Vectors.verifier();
        String evm = "0x70fcb1cc30342f2690d72Aa142e7ea272307701C";
        assertThat(verifier.infer(evm, ChainFamily.EVM)).isEqualTo(ChainFamily.EVM);
        rejected(
                () -> verifier.infer(evm, ChainFamily.SOLANA),
                ProblemCode.VALIDATION_FAILED,
                "is an EVM address, but chain is solana");
        rejected(
                () -> verifier.infer("secret1keuccew0qwafy057lp5d6422kgza56khz73z5g", ChainFamily.EVM),
                ProblemCode.VALIDATION_FAILED,
                "is a Cosmos address, but chain is evm");
        rejected(() -> verifier.infer("0x1234", ChainFamily.EVM), ProblemCode.VALIDATION_FAILED, "40 hex");
    }

    @Test
    void verifyNeedsEveryPart() {
        WalletSignInVerifier verifier = Vectors.verifier();
        DevWallet wallet = DevWallet.generate(ChainFamily.EVM, null);
        String message = verifier.challengeMessage(
                ChainFamily.EVM, wallet.address(), "Nonce12345678", null, Vectors.NOW, Vectors.NOW.plusSeconds(60));
        rejected(
                () -> verifier.verify(null, message, wallet.sign(message), null, null, Vectors.NOW),
                ProblemCode.VALIDATION_FAILED,
                "wallet_address");
        rejected(
                () -> verifier.verify(wallet.address(), null, wallet.sign(message), null, null, Vectors.NOW),
                ProblemCode.VALIDATION_FAILED,
                "message");
        rejected(
                () -> verifier.verify(wallet.address(), message, null, null, null, Vectors.NOW),
                ProblemCode.VALIDATION_FAILED,
                "signature");
        rejected(
                () -> verifier.verify(
                        wallet.address(), message, "0x" + "00".repeat(64) + "05", null, null, Vectors.NOW),
                ProblemCode.VALIDATION_FAILED,
                "v must be");
        rejected(
                () -> verifier.verify(
                        wallet.address(), message, "0x" + "00".repeat(64) + "1b", null, null, Vectors.NOW),
                ProblemCode.INVALID_SIGNATURE,
                "");
        // a lowercase wallet_address signs in as its checksummed form
        assertThat(verifier.verify(
                                wallet.address().toLowerCase(java.util.Locale.ROOT),
                                message,
                                wallet.sign(message),
                                null,
                                null,
                                Vectors.NOW)
                        .walletAddress())
                .isEqualTo(wallet.address());
    }

    @Test
    void highSIsInvalidForSecp256k1Families() {
        DevWallet evm = DevWallet.generate(ChainFamily.EVM, null);
        byte[] sig = HexFormat.of().parseHex(evm.sign("m").substring(2));
        byte[] flipped = Secp256k1TestSupport.negateS(sig);
        flipped[64] = (byte) (sig[64] == 27 ? 28 : 27);
        rejected(
                () -> WalletSignInVerifier.verifySignatureOnly(
                        ChainFamily.EVM,
                        evm.address(),
                        "m",
                        "0x" + HexFormat.of().formatHex(flipped),
                        null),
                ProblemCode.INVALID_SIGNATURE,
                "high S");
        DevWallet cosmos = DevWallet.generate(ChainFamily.COSMOS, "secret");
        byte[] csig = java.util.Base64.getDecoder().decode(cosmos.sign("m"));
        rejected(
                () -> WalletSignInVerifier.verifySignatureOnly(
                        ChainFamily.COSMOS,
                        cosmos.address(),
                        "m",
                        java.util.Base64.getEncoder().encodeToString(Secp256k1TestSupport.negateS(csig)),
                        cosmos.publicKeyEncoded()),
                ProblemCode.INVALID_SIGNATURE,
                "high S");
    }
}
