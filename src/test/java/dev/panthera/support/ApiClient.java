package dev.panthera.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON client for integration tests: real HTTP against the running server. */
public final class ApiClient {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String code() {
            return body == null || body.get("code") == null
                    ? null
                    : body.get("code").asString();
        }

        public String text(String field) {
            return body.get(field).asString();
        }
    }

    /** The whole wallet sign-in: challenge, sign with the dev wallet, verify (optionally for an NFT). */
    public Response signIn(dev.panthera.identity.DevWallet wallet, String nftTokenId) {
        String message = post("/v1/auth/challenge", Map.of("wallet_address", wallet.address()))
                .text("message");
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("wallet_address", wallet.address());
        body.put("message", message);
        body.put("signature", wallet.sign(message));
        if (wallet.publicKeyEncoded() != null) {
            body.put("public_key", wallet.publicKeyEncoded());
        }
        if (nftTokenId != null) {
            body.put("nft_token_id", nftTokenId);
        }
        return post("/v1/auth/verify", body);
    }

    /** Signs the wallet in (no NFT) and returns its access token; fails the test otherwise. */
    public String accessToken(dev.panthera.identity.DevWallet wallet) {
        Response verified = signIn(wallet, null);
        if (verified.status() != 200) {
            throw new AssertionError("sign-in failed: " + verified.raw().body());
        }
        return verified.text("access_token");
    }

    /**
     * Signs the wallet in (no NFT) and mints it the given tokens of a dev collection; returns its
     * access token. Fails the test if either step fails.
     */
    public String ownerToken(dev.panthera.identity.DevWallet wallet, String collection, String... tokenIds) {
        String bearer = accessToken(wallet);
        for (String tokenId : tokenIds) {
            mint(collection, tokenId, bearer);
        }
        return bearer;
    }

    /** Mints a token of a dev collection to the signed-in wallet; fails the test otherwise. */
    public void mint(String collection, String tokenId, String bearer) {
        Response minted = post("/v1/dev/nfts/" + collection + "/mint", Map.of("token_id", tokenId), bearer);
        if (minted.status() != 201) {
            throw new AssertionError("mint failed: " + minted.raw().body());
        }
    }

    public Response post(String path, Object body) {
        return post(path, body, null);
    }

    public Response post(String path, Object body, String bearer) {
        return send("POST", path, body == null ? null : JSON.writeValueAsString(body), bearer, Map.of());
    }

    public Response get(String path, String bearer) {
        return send("GET", path, null, bearer, Map.of());
    }

    public Response delete(String path, String bearer) {
        return send("DELETE", path, null, bearer, Map.of());
    }

    public Response send(String method, String path, String rawBody, String bearer, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        rawBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(rawBody));
        if (rawBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body() == null || response.body().isBlank()
                    ? null
                    : response.body().trim().startsWith("{")
                                    || response.body().trim().startsWith("[")
                            ? JSON.readTree(response.body())
                            : null;
            return new Response(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
