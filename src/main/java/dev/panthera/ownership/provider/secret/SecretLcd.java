package dev.panthera.ownership.provider.secret;

import dev.panthera.ownership.provider.ProviderHttp;
import dev.panthera.ownership.provider.ProviderHttp.Deadline;
import dev.panthera.ownership.spi.OracleUnavailableException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
        this.http = ProviderHttp.client(connectTimeout);
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
                    "Secret LCD " + ProviderHttp.describe(lcd) + " answered tx-key with HTTP " + answer.status());
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
                    "Secret LCD " + ProviderHttp.describe(lcd) + " answered tx-key without a 32-byte base64 key");
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
        String endpoint = ProviderHttp.describe(lcd);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(lcd) + pathAndQuery))
                .timeout(deadline.remaining(endpoint))
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response = ProviderHttp.send(http, request, deadline, endpoint, MAX_RESPONSE_BYTES);
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

    /** Null when {@code url} is a usable http(s) base URL without query, else what is wrong with it. */
    static String check(String url) {
        String problem = ProviderHttp.check(
                url,
                "rpc-url (the LCD REST endpoint) is not set",
                "rpc-url must be an http:// or https:// URL of the LCD");
        if (problem != null) {
            return problem;
        }
        URI uri = URI.create(url.trim());
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "rpc-url must be the LCD base URL, without query or fragment";
        }
        return null;
    }
}
