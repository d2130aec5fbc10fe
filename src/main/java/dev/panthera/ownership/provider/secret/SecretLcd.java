package dev.panthera.ownership.provider.secret;

import dev.panthera.ownership.provider.ProviderHttp.BoundedBody;
import dev.panthera.ownership.provider.ProviderHttp.Deadline;
import dev.panthera.ownership.provider.ProviderHttp.ResponseTooLarge;
import dev.panthera.ownership.spi.OracleUnavailableException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two Secret Network LCD (grpc-gateway REST) routes a contract query needs:
 * {@code GET /registration/v1beta1/tx-key} → {@code {"key": base64}} (the consensus IO public key,
 * cached per LCD) and {@code GET /compute/v1beta1/query/{contract}?query=<base64>} →
 * {@code {"data": base64}}, or a grpc-gateway error {@code {"code", "message", "details"}}. Every
 * exchange (body included) is bounded by the operation's {@link Deadline} and
 * {@link #MAX_RESPONSE_BYTES}; endpoints appear in messages as scheme, host and port only.
 */
final class SecretLcd {

    static final int MAX_RESPONSE_BYTES = 1 << 20;
    static final String HEIGHT_HEADER = "grpc-metadata-x-cosmos-block-height";

    private final HttpClient http;
    private final JsonMapper json;
    private final Map<String, byte[]> txKeys = new ConcurrentHashMap<>();

    SecretLcd(Duration connectTimeout, JsonMapper json) {
        // HTTP/1.1: no h2c upgrade headers on plain http, which some RPC proxies refuse
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.json = json;
    }

    /** An LCD answer: status, body and the block height it reported (0 when it did not). */
    record Answer(int status, byte[] body, long blockHeight) {}

    /** The chain's consensus IO public key (32 bytes), fetched once per LCD. */
    byte[] txKey(String lcd, Deadline deadline) {
        byte[] cached = txKeys.get(lcd);
        if (cached != null) {
            return cached;
        }
        Answer answer = get(lcd, "/registration/v1beta1/tx-key", deadline);
        if (answer.status() / 100 != 2) {
            throw new OracleUnavailableException(
                    "Secret LCD " + describe(lcd) + " answered tx-key with HTTP " + answer.status());
        }
        byte[] key;
        try {
            JsonNode node = json.readTree(answer.body());
            JsonNode value = node == null ? null : node.get("key");
            key = value != null && value.isString() ? Base64.getDecoder().decode(value.stringValue()) : null;
        } catch (JacksonException | IllegalArgumentException e) {
            key = null;
        }
        if (key == null || key.length != 32) {
            throw new OracleUnavailableException(
                    "Secret LCD " + describe(lcd) + " answered tx-key without a 32-byte base64 key");
        }
        txKeys.put(lcd, key);
        return key;
    }

    /** Forgets the cached consensus IO key (after the enclave could not decrypt a query made with it). */
    void forgetTxKey(String lcd) {
        txKeys.remove(lcd);
    }

    /** Sends an encrypted query to {@code contract}, whatever the status of the answer. */
    Answer query(String lcd, String contract, byte[] encryptedQuery, Deadline deadline) {
        String query = URLEncoder.encode(Base64.getEncoder().encodeToString(encryptedQuery), StandardCharsets.UTF_8);
        return get(lcd, "/compute/v1beta1/query/" + contract + "?query=" + query, deadline);
    }

    private Answer get(String lcd, String pathAndQuery, Deadline deadline) {
        String endpoint = describe(lcd);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(lcd) + pathAndQuery))
                .timeout(deadline.remaining(endpoint))
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request, info -> new BoundedBody(MAX_RESPONSE_BYTES));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(deadline.remaining(endpoint).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new OracleUnavailableException("Secret LCD " + endpoint + " did not answer within "
                    + deadline.budget().toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new OracleUnavailableException("Interrupted while asking Secret LCD " + endpoint, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new OracleUnavailableException("Secret LCD " + endpoint + " did not answer within "
                        + deadline.budget().toMillis() + " ms");
            }
            if (cause instanceof ConnectException) {
                throw new OracleUnavailableException("Secret LCD " + endpoint + " refused the connection");
            }
            if (cause instanceof ResponseTooLarge) {
                throw new OracleUnavailableException(
                        "Secret LCD " + endpoint + " answered with more than " + MAX_RESPONSE_BYTES + " bytes");
            }
            throw new OracleUnavailableException(
                    "Secret LCD " + endpoint + " could not be asked: "
                            + (cause == null ? e.getMessage() : cause.getClass().getSimpleName()),
                    cause);
        }
        long height = response.headers()
                .firstValue(HEIGHT_HEADER)
                .or(() -> response.headers().firstValue("x-cosmos-block-height"))
                .map(SecretLcd::parseHeight)
                .orElse(0L);
        return new Answer(response.statusCode(), response.body(), height);
    }

    private static long parseHeight(String value) {
        try {
            long height = Long.parseLong(value.trim());
            return Math.max(height, 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String base(String lcd) {
        String base = lcd.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /** The endpoint as it may appear in messages and logs: scheme, host and port, nothing else. */
    static String describe(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "?" : uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "(invalid rpc-url)";
        }
    }

    /** Null when {@code url} is a usable http(s) base URL without query, else what is wrong with it. */
    static String check(String url) {
        if (url == null || url.isBlank()) {
            return "rpc-url (the LCD REST endpoint) is not set";
        }
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "rpc-url must be an http:// or https:// URL of the LCD";
            }
            if (uri.getHost() == null) {
                return "rpc-url has no host";
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return "rpc-url must be the LCD base URL, without query or fragment";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "rpc-url is not a valid URL";
        }
    }
}
