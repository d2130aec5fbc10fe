package dev.panthera.ownership.provider.solana;

import dev.panthera.ownership.provider.ProviderHttp;
import dev.panthera.ownership.provider.ProviderHttp.Deadline;
import dev.panthera.ownership.spi.OracleUnavailableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Solana JSON-RPC 2.0 over the JDK HTTP client: one POST per call, bounded by the operation's
 * {@link Deadline} (the whole exchange, body included, not only the wait for headers) and by
 * {@link #MAX_RESPONSE_BYTES}. A JSON-RPC {@code error} object comes back as {@link RpcError}, for
 * the oracle to tell "no such token" from "the node is unwell"; everything else that goes wrong is
 * an {@link OracleUnavailableException} whose message names the endpoint by scheme, host and port
 * only (hosted RPC URLs carry API keys in the path or query).
 */
final class SolanaRpc {

    /** The largest answer read: far above any answer these calls get (20 balances, one account). */
    static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final HttpClient http;
    private final JsonMapper json;
    private final AtomicLong ids = new AtomicLong();

    SolanaRpc(Duration connectTimeout, JsonMapper json) {
        this.http = ProviderHttp.client(connectTimeout);
        this.json = json;
    }

    /** The JSON-RPC error object a node answered with. */
    static final class RpcError extends RuntimeException {
        private final long code;
        private final String rpcMessage;

        RpcError(String endpoint, String method, long code, String rpcMessage) {
            super("Solana RPC " + endpoint + " answered " + method + " with error " + code + ": " + rpcMessage);
            this.code = code;
            this.rpcMessage = rpcMessage;
        }

        long code() {
            return code;
        }

        String rpcMessage() {
            return rpcMessage;
        }
    }

    /**
     * Calls {@code method} with {@code params} and returns the {@code result} member.
     *
     * @throws RpcError when the node answers with a JSON-RPC error object
     * @throws OracleUnavailableException when it cannot be reached in time or answers garbage
     */
    JsonNode call(String rpcUrl, Deadline deadline, String method, Object... params) {
        String endpoint = ProviderHttp.describe(rpcUrl);
        long id = ids.incrementAndGet();
        ObjectNode request = json.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object param : params) {
            array.add(json.valueToTree(param));
        }
        byte[] body = json.writeValueAsBytes(request);

        Duration left = deadline.remaining(endpoint);
        HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(rpcUrl.trim()))
                .timeout(left)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = ProviderHttp.send(http, httpRequest, deadline, endpoint, MAX_RESPONSE_BYTES);

        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (JacksonException e) {
            throw new OracleUnavailableException("Solana RPC " + endpoint + " answered " + method
                    + " with something that is not JSON" + status(response));
        }
        if (answer == null || !answer.isObject()) {
            throw new OracleUnavailableException(
                    "Solana RPC " + endpoint + " answered " + method + " with no JSON-RPC object" + status(response));
        }
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            if (!error.isObject() || !error.path("code").isIntegralNumber()) {
                throw new OracleUnavailableException(
                        "Solana RPC " + endpoint + " answered " + method + " with a malformed error object");
            }
            throw new RpcError(
                    endpoint,
                    method,
                    error.get("code").asLong(),
                    clean(error.path("message").asString("")));
        }
        if (response.statusCode() / 100 != 2) {
            throw new OracleUnavailableException(
                    "Solana RPC " + endpoint + " answered " + method + " with HTTP " + response.statusCode());
        }
        JsonNode answerId = answer.get("id");
        if (!"2.0".equals(answer.path("jsonrpc").asString())
                || answerId == null
                || !answerId.asString().equals(Long.toString(id))) {
            throw new OracleUnavailableException("Solana RPC " + endpoint + " answered " + method
                    + " with a reply that is not JSON-RPC 2.0 for this request");
        }
        JsonNode result = answer.get("result");
        if (result == null) {
            throw new OracleUnavailableException(
                    "Solana RPC " + endpoint + " answered " + method + " with neither result nor error");
        }
        return result;
    }

    private static String status(HttpResponse<?> response) {
        return response.statusCode() / 100 == 2 ? "" : " (HTTP " + response.statusCode() + ")";
    }

    /** A node's message as it may be repeated: printable, at most 200 characters. */
    static String clean(String message) {
        String printable = message.replaceAll("\\p{Cntrl}", " ");
        return printable.length() <= 200 ? printable : printable.substring(0, 200) + "…";
    }
}
