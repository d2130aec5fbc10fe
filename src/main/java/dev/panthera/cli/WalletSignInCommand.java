package dev.panthera.cli;

import dev.panthera.identity.DevWallet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code wallet sign-in}: the whole flow against a server — challenge, sign, verify — printing the
 * token response; on an error response prints the problem+json to stderr and exits 1.
 */
@Command(
        name = "sign-in",
        mixinStandardHelpOptions = true,
        description = "Sign in to a Panthera server with a dev wallet and print the tokens.")
class WalletSignInCommand extends WalletSubcommand {

    @Option(
            names = "--url",
            defaultValue = "http://localhost:8080",
            description = "Server URL (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--nft-token-id", description = "Token id of the NFT to sign in for.")
    String nftTokenId;

    @Override
    int run() throws Exception {
        DevWallet wallet = loadWallet();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ObjectNode challengeBody = WalletSignCommand.JSON.createObjectNode();
        challengeBody.put("wallet_address", wallet.address());
        challengeBody.put("chain", wallet.family().id());
        if (nftTokenId != null) {
            challengeBody.put("nft_token_id", nftTokenId);
        }
        HttpResponse<String> challenge = post(http, "/v1/auth/challenge", challengeBody);
        if (!ok(challenge)) {
            return problem(challenge);
        }
        JsonNode message = WalletSignCommand.JSON.readTree(challenge.body()).path("message");
        if (!message.isString()) {
            throw new IllegalStateException("the challenge response has no message");
        }
        HttpResponse<String> verify =
                post(http, "/v1/auth/verify", WalletSignCommand.verifyBody(wallet, message.stringValue(), nftTokenId));
        if (!ok(verify)) {
            return problem(verify);
        }
        out().println(verify.body());
        out().flush();
        return 0;
    }

    private HttpResponse<String> post(HttpClient http, String path, ObjectNode body) throws Exception {
        String base = url.toString().endsWith("/")
                ? url.toString().substring(0, url.toString().length() - 1)
                : url.toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(WalletSignCommand.JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean ok(HttpResponse<?> response) {
        return response.statusCode() / 100 == 2;
    }

    private int problem(HttpResponse<String> response) {
        err().println(response.body().isEmpty() ? "HTTP " + response.statusCode() : response.body());
        err().flush();
        return 1;
    }
}
