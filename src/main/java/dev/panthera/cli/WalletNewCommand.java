package dev.panthera.cli;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wallet new}: creates a dev key file and prints the address (never the key). */
@Command(
        name = "new",
        mixinStandardHelpOptions = true,
        description = "Create a dev wallet key in <data-dir>/wallets/<name>-<chain>.json (mode 0600).")
class WalletNewCommand extends WalletSubcommand {

    @Option(
            names = "--prefix",
            defaultValue = "secret",
            description = "Cosmos bech32 prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--force", description = "Replace an existing key file.")
    boolean force;

    @Override
    int run() throws Exception {
        Path file = options.keyFile();
        String bech32Prefix = options.chain == ChainFamily.COSMOS ? prefix : null;
        DevWallet wallet = DevWallet.generate(options.chain, bech32Prefix);
        WalletKeyFile.write(file, wallet, bech32Prefix, force);
        out().println(wallet.address());
        out().flush();
        err().println("wrote " + file);
        err().flush();
        return 0;
    }
}
