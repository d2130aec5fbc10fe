package dev.panthera.cli;

import dev.panthera.identity.DevWallet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A running Panthera server as the CLI talks to it: JSON over HTTP, and the wallet sign-in flow. */
final class PantheraServer {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    PantheraServer(URI url) {
        String s = url.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    HttpResponse<String> post(String path, ObjectNode body, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(WalletSignCommand.JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Challenge, sign, verify: the verify response (tokens, or a problem). */
    HttpResponse<String> signIn(DevWallet wallet, String nftTokenId) throws IOException, InterruptedException {
        ObjectNode challengeBody = WalletSignCommand.JSON.createObjectNode();
        challengeBody.put("wallet_address", wallet.address());
        challengeBody.put("chain", wallet.family().id());
        HttpResponse<String> challenge = post("/v1/auth/challenge", challengeBody, null);
        if (!ok(challenge)) {
            return challenge;
        }
        JsonNode message = WalletSignCommand.JSON.readTree(challenge.body()).path("message");
        if (!message.isString()) {
            throw new IllegalStateException("the challenge response has no message");
        }
        return post("/v1/auth/verify", WalletSignCommand.verifyBody(wallet, message.stringValue(), nftTokenId), null);
    }

    /** Signs in and returns the access token, or throws with the server's problem. */
    String accessToken(DevWallet wallet) throws IOException, InterruptedException {
        HttpResponse<String> verify = signIn(wallet, null);
        if (!ok(verify)) {
            throw new IllegalStateException("sign-in refused: " + verify.body());
        }
        return WalletSignCommand.JSON
                .readTree(verify.body())
                .path("access_token")
                .stringValue();
    }

    static boolean ok(HttpResponse<?> response) {
        return response.statusCode() / 100 == 2;
    }
}
