package dev.panthera.deploy.provider.akash;

import dev.panthera.deploy.spi.ProviderException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
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
    private static final int MAX_MESSAGE = 300;

    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final Duration timeout;

    AkashConsoleClient(URI base, String apiKey, Duration timeout) {
        this.base = base;
        this.apiKey = apiKey == null ? "" : apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
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
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderException(
                    "Akash Console " + method + " " + route(pathAndQuery) + " failed: "
                            + e.getClass().getSimpleName(),
                    true,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted calling Akash Console", true, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return parse(response.body());
        }
        String message = "Akash Console " + method + " " + route(pathAndQuery) + " answered " + status + ": "
                + message(response.body());
        if (status == 404) {
            throw new NotFound(message);
        }
        throw new ProviderException(message, status == 429 || status >= 500);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ProviderException("Akash Console answered something that is not JSON", true, e);
        }
    }

    /** The API's {@code message} (or {@code error}), bounded, with the key scrubbed should it be echoed. */
    private String message(String body) {
        String text = body == null ? "" : body;
        try {
            JsonNode node = JSON.readTree(text);
            String m = node.path("message").asString("");
            text = m.isBlank() ? node.path("error").asString(text) : m;
        } catch (JacksonException | IllegalArgumentException e) {
            // not JSON: keep the raw text
        }
        if (!apiKey.isBlank()) {
            text = text.replace(apiKey, "***");
        }
        text = text.strip();
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
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
