package dev.panthera.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code panthera wallet}: local development wallets for EVM, Cosmos and Solana — create a key,
 * show its address, sign a sign-in message, or run the whole sign-in against a server.
 */
@Command(
        name = "wallet",
        mixinStandardHelpOptions = true,
        description = "Local development wallets: create keys, sign sign-in messages, sign in to a server.",
        subcommands = {
            WalletNewCommand.class,
            WalletAddressCommand.class,
            WalletSignCommand.class,
            WalletSignInCommand.class
        })
public class WalletCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
