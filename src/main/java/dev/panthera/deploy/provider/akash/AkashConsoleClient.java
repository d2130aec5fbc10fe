package dev.panthera.deploy.provider.akash;

import dev.panthera.deploy.provider.ProviderApi;
import dev.panthera.deploy.spi.ProviderException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Akash Console managed-wallet API (README.md lists the endpoints and where they are documented).
 * The key travels only in the {@code x-api-key} header; no message built here contains it. A timeout,
 * an I/O error, 429 or 5xx is retryable; any other 4xx is not and carries the API's own message.
 */
final class AkashConsoleClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProviderApi api;
    private final URI base;
    private final String apiKey;
    private final Duration timeout;

    AkashConsoleClient(URI base, String apiKey, Duration timeout) {
        this.base = base;
        this.apiKey = apiKey == null ? "" : apiKey;
        this.timeout = timeout;
        this.api = new ProviderApi(
                "Akash Console",
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build(),
                this.apiKey);
    }

    /** POST /v1/deployments: {@code data.dseq} and {@code data.manifest}. */
    JsonNode createDeployment(String sdl, BigDecimal deposit, String name) {
        ObjectNode data = JSON.createObjectNode();
        data.put("sdl", sdl);
        data.put("deposit", deposit);
        data.put("name", name);
        ObjectNode body = JSON.createObjectNode();
        body.set("data", data);
        return call("POST", "/v1/deployments", body).path("data");
    }

    /** GET /v1/bids?dseq=: the bids so far (an array, possibly empty). */
    JsonNode bids(String dseq) {
        return call("GET", "/v1/bids?dseq=" + URLEncoder.encode(dseq, StandardCharsets.UTF_8), null)
                .path("data");
    }

    /** POST /v1/leases: accepts one bid and sends the manifest; answers with the deployment. */
    JsonNode createLease(String manifest, AkashBid bid) {
        ObjectNode lease = JSON.createObjectNode();
        lease.put("dseq", bid.dseq());
        lease.put("gseq", bid.gseq());
        lease.put("oseq", bid.oseq());
        lease.put("provider", bid.provider());
        ObjectNode body = JSON.createObjectNode();
        body.put("manifest", manifest);
        body.putArray("leases").add(lease);
        return call("POST", "/v1/leases", body).path("data");
    }

    /** GET /v1/deployments/{dseq}; empty when Console knows no such deployment (404). */
    Optional<JsonNode> deployment(String dseq) {
        try {
            return Optional.of(
                    call("GET", "/v1/deployments/" + path(dseq), null).path("data"));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    /** DELETE /v1/deployments/{dseq}; false when it was already gone (404). */
    boolean closeDeployment(String dseq) {
        try {
            call("DELETE", "/v1/deployments/" + path(dseq), null);
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    private JsonNode call(String method, String pathAndQuery, JsonNode body) {
        if (apiKey.isBlank()) {
            throw new ProviderException("panthera.deploy.akash.api-key is not set", false);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(timeout)
                .header("x-api-key", apiKey)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String what = method + " " + route(pathAndQuery);
        HttpResponse<String> response = api.send(request.build(), what);
        int status = response.statusCode();
        if (status / 100 == 2) {
            return api.json(response.body());
        }
        String message = api.failure(what, status, response.body());
        if (status == 404) {
            throw new NotFound(message);
        }
        throw new ProviderException(message, ProviderApi.retryable(status));
    }

    private static String route(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static String path(String segment) {
        if (!segment.matches("\\d{1,20}")) {
            throw new ProviderException("not an Akash dseq: " + segment, false);
        }
        return segment;
    }

    /** A 404, which the callers that expect one turn into an answer. */
    static final class NotFound extends ProviderException {
        NotFound(String message) {
            super(message, false);
        }
    }
}
