package dev.panthera.cli;

import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wallet sign-in}: the whole flow against a server — challenge, sign, verify — printing the
 * token response; on an error response prints the problem+json to stderr and exits 1.
 */
@Command(
        name = "sign-in",
        mixinStandardHelpOptions = true,
        description = "Sign in to a Panthera server with a dev wallet and print the tokens.")
class WalletSignInCommand extends WalletSubcommand {

    @Mixin
    ServerOptions server;

    @Option(names = "--nft-token-id", description = "Token id of the NFT to sign in for.")
    String nftTokenId;

    @Override
    int run() throws Exception {
        HttpResponse<String> verify = new PantheraServer(server.url).signIn(loadWallet(), nftTokenId);
        if (!PantheraServer.ok(verify)) {
            return problem(verify);
        }
        out().println(verify.body());
        out().flush();
        return 0;
    }
}
