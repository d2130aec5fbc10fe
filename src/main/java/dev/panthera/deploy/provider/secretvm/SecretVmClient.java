package dev.panthera.deploy.provider.secretvm;

import dev.panthera.deploy.provider.ProviderApi;
import dev.panthera.deploy.spi.ProviderException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SecretAI portal's VM API and a VM's attestation server (README.md lists the endpoints and
 * where they are documented). The key travels only as {@code Authorization: Bearer}; no message built
 * here contains it. A timeout, an I/O error, 429 or 5xx is retryable; any other 4xx is not.
 */
final class SecretVmClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProviderApi api;
    private final SecretVmProperties props;
    private final String apiKey;

    SecretVmClient(SecretVmProperties props) {
        this.props = props;
        this.apiKey = props.apiKey() == null ? "" : props.apiKey();
        this.api = new ProviderApi(
                "SecretVM",
                HttpClient.newBuilder()
                        .connectTimeout(props.requestTimeout())
                        .version(HttpClient.Version.HTTP_1_1)
                        .build(),
                this.apiKey);
    }

    /** POST /api/vm/create (multipart: name, vmTypeId, platform, dockercompose file): the VM object. */
    JsonNode createVm(String name, String compose) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("vmTypeId", props.vmType());
        fields.put("platform", props.platform());
        String boundary = "panthera-" + UUID.randomUUID();
        byte[] body = multipart(boundary, fields, compose);
        return api.json(send(
                        "POST",
                        "/api/vm/create",
                        "multipart/form-data; boundary=" + boundary,
                        HttpRequest.BodyPublishers.ofByteArray(body))
                .body());
    }

    /** GET /api/vm/instances: every VM of the account (to find ours by name on a re-apply). */
    JsonNode instances() {
        HttpResponse<String> r = sendAllowing404("GET", "/api/vm/instances");
        return r.statusCode() == 404 ? JSON.createArrayNode() : api.json(r.body());
    }

    /** GET /api/vm/{id}; empty when the portal has no such VM (404). */
    Optional<JsonNode> vm(String id) {
        HttpResponse<String> r = sendAllowing404("GET", "/api/vm/" + segment(id));
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(api.json(r.body()));
    }

    /** DELETE /api/vm/{id}/terminate; false when it was already gone (404). */
    boolean terminate(String id) {
        return sendAllowing404("DELETE", "/api/vm/" + segment(id) + "/terminate")
                        .statusCode()
                != 404;
    }

    /** The VM's CPU quote (hex for TDX, base64 for SEV-SNP) and, over TLS, the server certificate. */
    Quote cpuQuote(String host) {
        URI uri = URI.create(props.attestationUrl().replace("{host}", host));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(props.requestTimeout())
                .GET()
                .build();
        HttpResponse<String> response = api.send(request, "attestation " + uri.getPath());
        if (response.statusCode() / 100 != 2) {
            throw new ProviderException(
                    "SecretVM attestation server answered " + response.statusCode(), response.statusCode() >= 500);
        }
        byte[] cert = response.sslSession()
                .map(s -> {
                    try {
                        Certificate[] chain = s.getPeerCertificates();
                        return chain.length == 0 ? null : chain[0].getEncoded();
                    } catch (javax.net.ssl.SSLPeerUnverifiedException | CertificateEncodingException e) {
                        return null;
                    }
                })
                .orElse(null);
        return new Quote(response.body().strip(), cert);
    }

    record Quote(String text, byte[] tlsCertificate) {}

    private HttpResponse<String> sendAllowing404(String method, String path) {
        try {
            return send(method, path, null, HttpRequest.BodyPublishers.noBody());
        } catch (NotFound e) {
            return e.response;
        }
    }

    private HttpResponse<String> send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        if (apiKey.isBlank()) {
            throw new ProviderException("panthera.deploy.secret-vm.api-key is not set", false);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(props.apiUrl().resolve(path))
                .timeout(props.requestTimeout())
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = api.send(request.build(), method + " " + path);
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response;
        }
        if (status == 404) {
            throw new NotFound(response);
        }
        throw new ProviderException(
                api.failure(method + " " + path, status, response.body()), ProviderApi.retryable(status));
    }

    private static String segment(String id) {
        if (!id.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new ProviderException("not a SecretVM id: " + id, false);
        }
        return id;
    }

    private static byte[] multipart(String boundary, Map<String, String> fields, String compose) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(
                out,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        write(
                out,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"dockercompose\"; "
                        + "filename=\"docker-compose.yml\"\r\nContent-Type: application/x-yaml\r\n\r\n" + compose
                        + "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A 404, which the callers that expect one turn into an answer. */
    private static final class NotFound extends ProviderException {
        private final transient HttpResponse<String> response;

        NotFound(HttpResponse<String> response) {
            super("not found", false);
            this.response = response;
        }
    }
}
