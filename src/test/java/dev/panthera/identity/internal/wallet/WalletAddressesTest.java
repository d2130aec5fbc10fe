package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WalletAddressesTest {

    private static final Set<String> PREFIXES = Set.of("secret", "cosmos");
    private static final String EVM = "0x70fcb1cc30342f2690d72Aa142e7ea272307701C";
    private static final String SECRET = "secret1keuccew0qwafy057lp5d6422kgza56khz73z5g";
    private static final String OSMO = "osmo1keuccew0qwafy057lp5d6422kgza56khgqkmlx";
    private static final String SOLANA = "GgQzY7reisAo2Fg8ZBzVDs6JfX6siSkkXtdzZcSwgzRm";

    private static void rejected(Runnable r, String fragment) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(PantheraException.class, e -> {
            assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
            assertThat(e.getMessage()).contains(fragment);
        });
    }

    @Test
    void infersTheFamilyByShape() {
        assertThat(WalletAddresses.infer(EVM, PREFIXES)).isEqualTo(ChainFamily.EVM);
        assertThat(WalletAddresses.infer(EVM.toLowerCase(Locale.ROOT), PREFIXES))
                .isEqualTo(ChainFamily.EVM);
        assertThat(WalletAddresses.infer(SECRET, PREFIXES)).isEqualTo(ChainFamily.COSMOS);
        assertThat(WalletAddresses.infer(SECRET.toUpperCase(Locale.ROOT), PREFIXES))
                .isEqualTo(ChainFamily.COSMOS);
        assertThat(WalletAddresses.infer(SOLANA, PREFIXES)).isEqualTo(ChainFamily.SOLANA);
    }

    @Test
    void inferRejectsWhatFitsNoFamily() {
        rejected(() -> WalletAddresses.infer(OSMO, PREFIXES), "prefix osmo is not configured");
        rejected(() -> WalletAddresses.infer("hello world", PREFIXES), "is not an EVM");
        rejected(() -> WalletAddresses.infer("0x1234", PREFIXES), "is not an EVM");
        rejected(() -> WalletAddresses.infer("", PREFIXES), "required");
        rejected(() -> WalletAddresses.infer(null, PREFIXES), "required");
        rejected(() -> WalletAddresses.infer(SOLANA.substring(4), PREFIXES), "32 bytes");
        rejected(() -> WalletAddresses.infer("1" + SOLANA, PREFIXES), "32 bytes");
    }

    @Test
    void evmIsChecksummedAndMixedCaseMustCarryAValidChecksum() {
        assertThat(WalletAddresses.canonical(ChainFamily.EVM, EVM.toLowerCase(Locale.ROOT), PREFIXES))
                .isEqualTo(EVM);
        assertThat(WalletAddresses.canonical(
                        ChainFamily.EVM, "0x" + EVM.substring(2).toUpperCase(Locale.ROOT), PREFIXES))
                .isEqualTo(EVM);
        assertThat(WalletAddresses.canonical(ChainFamily.EVM, EVM, PREFIXES)).isEqualTo(EVM);
        rejected(
                () -> WalletAddresses.canonical(ChainFamily.EVM, EVM.replace("Aa", "aa"), PREFIXES),
                "bad EIP-55 checksum");
        rejected(() -> WalletAddresses.canonical(ChainFamily.EVM, EVM.substring(2), PREFIXES), "0x followed by 40 hex");
        rejected(() -> WalletAddresses.canonical(ChainFamily.EVM, SOLANA, PREFIXES), "0x followed by 40 hex");
    }

    @Test
    void cosmosIsLowercaseBech32WithAConfiguredPrefix() {
        assertThat(WalletAddresses.canonical(ChainFamily.COSMOS, SECRET.toUpperCase(Locale.ROOT), PREFIXES))
                .isEqualTo(SECRET);
        rejected(
                () -> WalletAddresses.canonical(ChainFamily.COSMOS, SECRET.substring(0, 44) + "q", PREFIXES),
                "bad bech32 checksum");
        rejected(
                () -> WalletAddresses.canonical(ChainFamily.COSMOS, "Secret" + SECRET.substring(6), PREFIXES),
                "mix upper and lower case");
        rejected(() -> WalletAddresses.canonical(ChainFamily.COSMOS, OSMO, PREFIXES), "prefix osmo");
        rejected(() -> WalletAddresses.canonical(ChainFamily.COSMOS, EVM, PREFIXES), "not a bech32 address");
        assertThat(WalletAddresses.canonical(ChainFamily.COSMOS, OSMO, Set.of("osmo")))
                .isEqualTo(OSMO);
    }

    @Test
    void solanaIsBase58OfThirtyTwoBytes() {
        assertThat(WalletAddresses.canonical(ChainFamily.SOLANA, SOLANA, PREFIXES))
                .isEqualTo(SOLANA);
        rejected(() -> WalletAddresses.canonical(ChainFamily.SOLANA, "0" + SOLANA.substring(1), PREFIXES), "base58");
        rejected(() -> WalletAddresses.canonical(ChainFamily.SOLANA, SOLANA.substring(2), PREFIXES), "32 bytes");
        rejected(() -> WalletAddresses.canonical(ChainFamily.SOLANA, "1" + SOLANA, PREFIXES), "32 bytes");
    }
}
