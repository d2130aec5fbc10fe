package dev.panthera.agent.internal.metadata;

import dev.panthera.agent.internal.metadata.MetadataException.Kind;
import dev.panthera.shared.PantheraProperties;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Reads the document behind a tokenURI within hard limits (see the package description): the
 * byte limit, one deadline for the whole fetch, at most {@value #MAX_REDIRECTS} redirects, and
 * only https, loopback http, ipfs and data URIs.
 */
@Component
public class MetadataFetcher {

    static final int MAX_REDIRECTS = 3;
    private static final String CID = "[A-Za-z0-9]{10,128}";
    private static final String PATH = "(/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*";

    private final HttpClient http;
    private final URI ipfsGateway;
    private final int maxBytes;
    private final Duration timeout;

    public MetadataFetcher(PantheraProperties properties) {
        PantheraProperties.Metadata settings = properties.metadata();
        this.maxBytes = settings.maxBytes();
        this.timeout = settings.timeout();
        this.ipfsGateway = gateway(settings.ipfsGateway());
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** The bytes of the document the URI names; a {@link MetadataException} on any failure. */
    public byte[] fetch(String tokenUri) {
        String uri = tokenUri == null ? "" : tokenUri.strip();
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "data" -> DataUris.decode(uri, maxBytes);
            case "ipfs" -> download(ipfs(uri));
            case "https", "http" -> download(parse(uri));
            default ->
                throw new MetadataException(
                        Kind.UNSUPPORTED_URI,
                        scheme.isEmpty()
                                ? "tokenURI has no scheme (https, ipfs or data)"
                                : "tokenURI scheme '" + scheme + "' is not supported (https, ipfs or data)");
        };
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** {@code ipfs://CID/path} (or the older {@code ipfs://ipfs/CID/path}) on the configured gateway. */
    URI ipfs(String uri) {
        MetadataException malformed =
                new MetadataException(Kind.UNSUPPORTED_URI, "tokenURI is not an ipfs://<CID>/<path> URI");
        if (!uri.regionMatches(true, 0, "ipfs://", 0, 7)) {
            throw malformed;
        }
        String rest = uri.substring("ipfs://".length());
        rest = rest.startsWith("ipfs/") ? rest.substring("ipfs/".length()) : rest;
        int slash = rest.indexOf('/');
        String cid = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        if (!cid.matches(CID) || !path.matches(PATH) || path.contains("/../") || path.endsWith("/..")) {
            throw malformed;
        }
        return ipfsGateway.resolve(cid + path);
    }

    private byte[] download(URI start) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = UriPolicy.check(start, null, ipfsGateway.getHost());
        for (int redirects = 0; ; redirects++) {
            HttpResponse<byte[]> response = send(current, deadline);
            int status = response.statusCode();
            if (!isRedirect(status)) {
                if (status / 100 != 2) {
                    throw new MetadataException(
                            Kind.HTTP_STATUS, UriPolicy.describe(current) + " answered HTTP " + status);
                }
                return response.body();
            }
            if (redirects == MAX_REDIRECTS) {
                throw new MetadataException(Kind.REDIRECT, "more than " + MAX_REDIRECTS + " redirects");
            }
            String location = response.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new MetadataException(Kind.REDIRECT, "redirect without a Location"));
            URI next;
            try {
                next = current.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw new MetadataException(Kind.REDIRECT, "redirect to an invalid URI");
            }
            current = UriPolicy.check(next, current, ipfsGateway.getHost());
        }
    }

    private HttpResponse<byte[]> send(URI uri, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut();
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(remaining))
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(request, info -> LimitedBody.handle(info, maxBytes));
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new MetadataException(Kind.UNREACHABLE, "fetching metadata was interrupted");
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        }
    }

    private MetadataException failure(URI uri, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof MetadataException metadata) {
                return metadata;
            }
            if (t instanceof HttpTimeoutException) {
                return timedOut();
            }
        }
        // the exception's class says enough (ConnectException, SSLHandshakeException); its message may echo the URI
        String why = cause == null ? "error" : cause.getClass().getSimpleName();
        return new MetadataException(Kind.UNREACHABLE, UriPolicy.describe(uri) + " could not be read (" + why + ")");
    }

    private MetadataException timedOut() {
        return new MetadataException(
                Kind.TIMEOUT, "fetching metadata took longer than " + timeout + " (panthera.metadata.timeout)");
    }

    private static URI parse(String uri) {
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            throw new MetadataException(Kind.UNSUPPORTED_URI, "tokenURI is not a valid URI");
        }
    }

    private static URI gateway(String configured) {
        String base = configured == null ? "" : configured.strip();
        URI uri = parse(base.endsWith("/") ? base : base + "/");
        try {
            return UriPolicy.check(uri, null, uri.getHost());
        } catch (MetadataException e) {
            throw new IllegalStateException("panthera.metadata.ipfs-gateway: " + e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }
}
