package dev.panthera.deploy.provider;

import dev.panthera.deploy.spi.ProviderException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the HTTP-driven providers (Akash Console, SecretVM) share: sending with I/O failures made
 * retryable {@link ProviderException}s, JSON bodies, and failure messages taken from the API's
 * {@code message}/{@code error}, bounded and with the API key scrubbed should the API echo it.
 */
public final class ProviderApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_MESSAGE = 300;

    private final String name;
    private final HttpClient http;
    private final String apiKey;

    /** {@code name} opens every message, e.g. "Akash Console". */
    public ProviderApi(String name, HttpClient http, String apiKey) {
        this.name = name;
        this.http = http;
        this.apiKey = apiKey == null ? "" : apiKey;
    }

    public HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderException(
                    name + " " + what + " failed: " + e.getClass().getSimpleName(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted calling " + name, true, e);
        }
    }

    /** The body as JSON (an empty object when blank); a body that is not JSON is a retryable failure. */
    public JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ProviderException(name + " answered something that is not JSON", true, e);
        }
    }

    /** "{name} {what} answered {status}: {the API's message}". */
    public String failure(String what, int status, String body) {
        return name + " " + what + " answered " + status + ": " + message(body);
    }

    /** 429 and 5xx are worth trying again; other statuses are not. */
    public static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    String message(String body) {
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
}
