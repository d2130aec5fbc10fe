package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignInMessageCodecTest {

    private static final String EVM_ADDRESS = "0x70fcb1cc30342f2690d72Aa142e7ea272307701C";
    private static final String TAIL = "URI: http://localhost:8080\nVersion: 1\nChain ID: 1\nNonce: abcdefgh1\n"
            + "Issued At: 2026-01-01T00:00:00Z";
    private static final String HEADER = "localhost:8080 wants you to sign in with your Ethereum account:\n";

    private static String evm(String middle) {
        return HEADER + EVM_ADDRESS + "\n" + middle + TAIL;
    }

    private static void rejected(ChainFamily family, String text, String detailFragment) {
        assertThatThrownBy(() -> SignInMessageCodec.parse(family, text))
                .isInstanceOfSatisfying(PantheraException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).contains(detailFragment);
                });
    }

    @Test
    void acceptsBothLayoutsWithoutStatement() {
        SignInMessage siweJs = SignInMessageCodec.parse(ChainFamily.EVM, evm("\n\n"));
        SignInMessage siws = SignInMessageCodec.parse(ChainFamily.EVM, evm("\n"));
        assertThat(siweJs.statement()).isNull();
        assertThat(siws).isEqualTo(siweJs);
        assertThat(SignInMessageCodec.format(siws)).isEqualTo(evm("\n\n"));
    }

    @Test
    void parsesAStatementAndAllOptionalFields() {
        String text = evm("\nHello <world> & \"friends\": URI: x\n\n")
                + "\nExpiration Time: 2026-01-01T00:10:00.000+01:00\nNot Before: 2025-12-31t23:00:00z"
                + "\nRequest ID: r-1\nResources:\n- https://a.example/x\n- ipfs://b";
        SignInMessage m = SignInMessageCodec.parse(ChainFamily.EVM, text);
        assertThat(m.statement()).isEqualTo("Hello <world> & \"friends\": URI: x");
        assertThat(m.expirationTime())
                .isEqualTo(Instant.parse("2026-01-01T00:10:00Z").minusSeconds(3600));
        assertThat(m.notBefore()).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
        assertThat(m.requestId()).isEqualTo("r-1");
        assertThat(m.resources()).containsExactly("https://a.example/x", "ipfs://b");
        assertThat(SignInMessageCodec.format(m)).isEqualTo(text);
    }

    @Test
    void solanaUsesTheSiwsLayoutAndMayOmitChainId() {
        String text = "localhost:8080 wants you to sign in with your Solana account:\n"
                + "GgQzY7reisAo2Fg8ZBzVDs6JfX6siSkkXtdzZcSwgzRm\n\n"
                + "URI: http://localhost:8080\nVersion: 1\nNonce: abcdefgh1\nIssued At: 2026-01-01T00:00:00Z";
        SignInMessage m = SignInMessageCodec.parse(ChainFamily.SOLANA, text);
        assertThat(m.chainId()).isNull();
        assertThat(m.statement()).isNull();
        assertThat(SignInMessageCodec.format(m)).isEqualTo(text);
        rejected(ChainFamily.EVM, text.replace("Solana account", "Ethereum account"), "Chain ID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mainnet", "testnet", "devnet", "localnet", "solana:mainnet", "solana:localnet"})
    void solanaClusters(String chainId) {
        String text = "d wants you to sign in with your Solana account:\nabc\n\nURI: http://d\nVersion: 1\nChain ID: "
                + chainId + "\nNonce: abcdefgh1\nIssued At: 2026-01-01T00:00:00Z";
        assertThat(SignInMessageCodec.parse(ChainFamily.SOLANA, text).chainId()).isEqualTo(chainId);
        rejected(ChainFamily.SOLANA, text.replace(chainId, "solana:" + chainId + "x"), "Chain ID");
    }

    @Test
    void headerMustNameTheFamilysAccount() {
        rejected(ChainFamily.COSMOS, evm("\n\n"), "sign in with your Cosmos account");
        rejected(ChainFamily.EVM, "hello\n" + EVM_ADDRESS + "\n\n\n" + TAIL, "first line");
        rejected(
                ChainFamily.EVM,
                " wants you to sign in with your Ethereum account:\n" + EVM_ADDRESS + "\n\n\n" + TAIL,
                "domain is empty");
    }

    @Test
    void rejectsMalformedFields() {
        rejected(ChainFamily.EVM, evm("\n\n").replace("Version: 1", "Version: 2"), "Version must be 1");
        rejected(ChainFamily.EVM, evm("\n\n").replace("abcdefgh1", "abc-defgh"), "Nonce");
        rejected(ChainFamily.EVM, evm("\n\n").replace("abcdefgh1", "abcdefg"), "Nonce");
        rejected(ChainFamily.EVM, evm("\n\n").replace("Chain ID: 1", "Chain ID: one"), "Chain ID");
        rejected(ChainFamily.EVM, evm("\n\n").replace("Chain ID: 1\n", ""), "Chain ID");
        rejected(ChainFamily.EVM, evm("\n\n").replace("00:00:00Z", "00:00Z"), "Issued At");
        rejected(ChainFamily.EVM, evm("\n\n").replace("2026-01-01T00:00:00Z", "2026-13-01T00:00:00Z"), "Issued At");
        rejected(ChainFamily.EVM, evm("\n\n").replace("2026-01-01T00:00:00Z", "2026-01-01T00:00:60Z"), "Issued At");
        rejected(ChainFamily.EVM, evm("\n\n").replace("http://localhost:8080", "not a uri"), "URI");
        rejected(ChainFamily.EVM, evm("\n\n").replace("http://localhost:8080", "relative/path"), "URI");
        rejected(ChainFamily.EVM, evm("\n\n") + "\n", "unexpected line");
        rejected(ChainFamily.EVM, evm("\n\n").replace("\n", "\r\n"), "");
        rejected(ChainFamily.EVM, evm("\n\n") + "\nResources:\n- not a uri", "resource");
        rejected(
                ChainFamily.EVM,
                evm("\n\n") + "\nNot Before: 2026-01-01T00:00:00Z\nExpiration Time: 2026-01-01T00:00:00Z",
                "unexpected line");
        rejected(ChainFamily.EVM, evm("\nline one\nline two\n\n"), "URI");
        rejected(ChainFamily.EVM, HEADER + "\n\nstatement\n\n" + TAIL, "address is empty");
        rejected(ChainFamily.EVM, evm("\nlone \uD800 surrogate\n\n"), "not valid Unicode");
        rejected(ChainFamily.EVM, evm("\ntab\there\n\n"), "control character");
    }

    @ParameterizedTest
    @EnumSource(ChainFamily.class)
    void rejectsEmptyNullAndHugeMessages(ChainFamily family) {
        rejected(family, null, "message is required");
        rejected(family, "", "message is required");
        rejected(family, "x".repeat(SignInMessageCodec.MAX_LENGTH + 1), "longer than");
    }

    @Test
    void formatKeepsTheOriginalTimestampSpelling() {
        String text = evm("\nSign in.\n\n").replace("2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000Z");
        SignInMessage m = SignInMessageCodec.parse(ChainFamily.EVM, text);
        assertThat(m.issuedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(SignInMessageCodec.format(m)).isEqualTo(text);
    }

    @Test
    void createdMessagesFormatPerFamily() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        SignInMessage evm = SignInMessage.create(
                ChainFamily.EVM,
                "localhost:8080",
                EVM_ADDRESS,
                null,
                "http://localhost:8080",
                "1",
                "abcdefgh1",
                at,
                null,
                null,
                null,
                List.of());
        assertThat(SignInMessageCodec.format(evm)).isEqualTo(evm("\n\n"));
        SignInMessage cosmos = new SignInMessage(
                ChainFamily.COSMOS,
                "d",
                "secret1x",
                "S",
                "http://d",
                "1",
                "secret-4",
                "abcdefgh1",
                at,
                at.plusSeconds(60),
                null,
                null,
                List.of(),
                null,
                null,
                null);
        assertThat(SignInMessageCodec.format(cosmos))
                .isEqualTo("d wants you to sign in with your Cosmos account:\nsecret1x\n\nS\n\nURI: http://d\n"
                        + "Version: 1\nChain ID: secret-4\nNonce: abcdefgh1\nIssued At: 2026-01-01T00:00:00Z\n"
                        + "Expiration Time: 2026-01-01T00:01:00Z");
    }
}
