package dev.panthera.cli;

import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code panthera nft}: mint and transfer NFTs on the built-in dev chain of a running server,
 * signing in with a local dev wallet — so a newcomer can own an agent with no blockchain.
 */
@Command(
        name = "nft",
        mixinStandardHelpOptions = true,
        description = "Mint and transfer NFTs on a server's dev chain (collections with chain: dev).",
        subcommands = {NftCommand.Mint.class, NftCommand.Transfer.class})
public class NftCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Options every nft subcommand shares. */
    abstract static class NftSubcommand extends WalletSubcommand {
        @Mixin
        ServerOptions server;

        @Option(names = "--collection", required = true, description = "The dev collection's id.")
        String collection;

        @Option(names = "--token-id", required = true, description = "The token id.")
        String tokenId;

        int call(String path, ObjectNode body) throws Exception {
            PantheraServer panthera = new PantheraServer(server.url);
            String token = panthera.accessToken(loadWallet());
            HttpResponse<String> response = panthera.post(path, body, token);
            if (!PantheraServer.ok(response)) {
                return problem(response);
            }
            out().println(response.body());
            out().flush();
            return 0;
        }
    }

    @Command(name = "mint", mixinStandardHelpOptions = true, description = "Mint a token (to your wallet by default).")
    static class Mint extends NftSubcommand {
        @Option(names = "--to", description = "The receiving wallet (default: the signing wallet).")
        String to;

        @Option(names = "--token-uri", description = "Its metadata URI: https://, ipfs:// or data:.")
        String tokenUri;

        @Override
        int run() throws Exception {
            ObjectNode body = WalletSignCommand.JSON.createObjectNode().put("token_id", tokenId);
            if (to != null) {
                body.put("to", to);
            }
            if (tokenUri != null) {
                body.put("token_uri", tokenUri);
            }
            return call("/v1/dev/nfts/" + collection + "/mint", body);
        }
    }

    @Command(name = "transfer", mixinStandardHelpOptions = true, description = "Transfer a token you own.")
    static class Transfer extends NftSubcommand {
        @Option(names = "--to", required = true, description = "The receiving wallet.")
        String to;

        @Override
        int run() throws Exception {
            return call(
                    "/v1/dev/nfts/" + collection + "/" + tokenId + "/transfer",
                    WalletSignCommand.JSON.createObjectNode().put("to", to));
        }
    }
}
