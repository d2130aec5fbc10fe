package dev.panthera;

import dev.panthera.cli.MetadataCommand;
import dev.panthera.cli.NftCommand;
import dev.panthera.cli.WalletCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code serve} (the default) starts the server; {@code wallet} makes local dev
 * keys and signs in with them, without starting a server.
 */
@Command(
        name = "panthera",
        mixinStandardHelpOptions = true,
        version = "panthera 0.1.0",
        subcommands = {PantheraCli.Serve.class, WalletCommand.class, NftCommand.class, MetadataCommand.class})
public class PantheraCli implements Callable<Integer> {

    public static void main(String[] args) {
        if (startsServer(args)) {
            String[] serve = new String[args.length + 1];
            serve[0] = "serve";
            System.arraycopy(args, 0, serve, 1, args.length);
            args = serve;
        }
        int code = new CommandLine(new PantheraCli()).execute(args);
        if (code != 0 || !"serve".equals(args[0])) {
            System.exit(code);
        }
    }

    /** No command, or Spring-style options only ({@code --server.port=9090}): run the server. */
    static boolean startsServer(String[] args) {
        return args.length == 0
                || (args[0].startsWith("--") && !args[0].equals("--help") && !args[0].equals("--version"));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Starts the server with the configuration in application.yml and the environment. */
    @Command(name = "serve", description = "Start the Panthera server.")
    static class Serve implements Callable<Integer> {
        @CommandLine.Unmatched
        String[] springArgs = new String[0];

        @Override
        public Integer call() {
            PantheraApplication.run(springArgs);
            return 0;
        }
    }
}
