package dev.panthera.cli;

import dev.panthera.identity.ChainFamily;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options every {@code wallet} subcommand shares: which key file, for which chain. */
final class WalletOptions {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Option(names = "--chain", required = true, description = "evm, cosmos or solana", converter = ChainConverter.class)
    ChainFamily chain;

    @Option(names = "--name", defaultValue = "default", description = "Wallet name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(
            names = "--data-dir",
            defaultValue = "./data",
            description = "Panthera data directory; keys live in <data-dir>/wallets (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** {@code <data-dir>/wallets/<name>-<chain>.json}. */
    Path keyFile() {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--name may only hold letters, digits, '.', '_' and '-'");
        }
        return dataDir.resolve("wallets").resolve(name + "-" + chain.id() + ".json");
    }

    /** Picocli converter for {@code --chain}. */
    static final class ChainConverter implements picocli.CommandLine.ITypeConverter<ChainFamily> {
        @Override
        public ChainFamily convert(String value) {
            ChainFamily family = ChainFamily.fromId(value);
            if (family == null) {
                throw new picocli.CommandLine.TypeConversionException("expected evm, cosmos or solana");
            }
            return family;
        }
    }
}
