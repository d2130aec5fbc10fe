package dev.panthera.cli;

import dev.panthera.identity.DevWallet;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Common plumbing of the {@code wallet} subcommands: options, output streams, error reporting. */
abstract class WalletSubcommand implements Callable<Integer> {

    @Mixin
    WalletOptions options;

    @Spec
    CommandSpec spec;

    abstract int run() throws Exception;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (Exception e) {
            err().println("error: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            err().flush();
            return 1;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the server's problem+json (or the status) to stderr; the exit code is 1. */
    int problem(java.net.http.HttpResponse<String> response) {
        err().println(response.body().isEmpty() ? "HTTP " + response.statusCode() : response.body());
        err().flush();
        return 1;
    }

    DevWallet loadWallet() throws IOException {
        return WalletKeyFile.read(options.keyFile(), options.chain);
    }
}
