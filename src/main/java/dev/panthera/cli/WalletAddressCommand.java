package dev.panthera.cli;

import picocli.CommandLine.Command;

/** {@code wallet address}: prints a dev wallet's address. */
@Command(name = "address", mixinStandardHelpOptions = true, description = "Print a dev wallet's address.")
class WalletAddressCommand extends WalletSubcommand {

    @Override
    int run() throws Exception {
        out().println(loadWallet().address());
        out().flush();
        return 0;
    }
}
