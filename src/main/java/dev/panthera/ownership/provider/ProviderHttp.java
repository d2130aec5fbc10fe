package dev.panthera.ownership.provider;

import dev.panthera.ownership.spi.OracleUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the oracles' HTTP clients share: one time budget per operation, bounded bodies, one way to
 * send and to tell what went wrong, and endpoints shown by scheme, host and port only.
 */
public final class ProviderHttp {

    private ProviderHttp() {}

    /**
     * A client for one provider: HTTP/1.1 (no h2c upgrade headers on plain http, which some RPC
     * proxies refuse) and no redirects (an endpoint is asked where it was configured, nowhere else).
     */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends {@code request} and reads at most {@code maxBytes} of body, all within {@code deadline}
     * (the whole exchange, not only the wait for headers). Whatever goes wrong becomes an
     * {@link OracleUnavailableException} whose message names the deadline's {@code what} ("Solana
     * RPC", "Secret LCD") and {@code endpoint}, as {@link #describe} shows it.
     */
    public static HttpResponse<byte[]> send(
            HttpClient http, HttpRequest request, Deadline deadline, String endpoint, int maxBytes) {
        String what = deadline.what();
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, info -> new BoundedBody(maxBytes));
        try {
            return pending.get(deadline.remaining(endpoint).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new OracleUnavailableException(what + " " + endpoint + " did not answer within "
                    + deadline.budget().toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new OracleUnavailableException("Interrupted while asking " + what + " " + endpoint, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new OracleUnavailableException(what + " " + endpoint + " did not answer within "
                        + deadline.budget().toMillis() + " ms");
            }
            if (cause instanceof ConnectException) {
                throw new OracleUnavailableException(what + " " + endpoint + " refused the connection");
            }
            if (cause instanceof ResponseTooLarge) {
                throw new OracleUnavailableException(
                        what + " " + endpoint + " answered with more than " + maxBytes + " bytes");
            }
            throw new OracleUnavailableException(
                    what + " " + endpoint + " could not be asked: "
                            + (cause == null ? e.getMessage() : cause.getClass().getSimpleName()),
                    cause);
        }
    }

    /**
     * The endpoint as it may appear in messages and logs: scheme, host and port, nothing else
     * (hosted RPC URLs carry API keys in the path or query).
     */
    public static String describe(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "?" : uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "(invalid rpc-url)";
        }
    }

    /** Null when {@code url} is a usable http(s) URL, else what is wrong with it (without the URL). */
    public static String check(String url) {
        return check(url, "rpc-url is not set", "rpc-url must be an http:// or https:// URL");
    }

    /** As {@link #check(String)}, in the provider's own words for a missing and a non-http(s) URL. */
    public static String check(String url, String notSet, String notHttp) {
        if (url == null || url.isBlank()) {
            return notSet;
        }
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return notHttp;
            }
            if (uri.getHost() == null) {
                return "rpc-url has no host";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "rpc-url is not a valid URL";
        }
    }

    /**
     * One oracle operation's time budget: every call it makes shares it, so the whole never exceeds
     * it. {@code what} names the endpoint kind in the message ("Solana RPC", "Secret LCD").
     */
    public record Deadline(long endNanos, Duration budget, String what) {

        public static Deadline after(Duration budget, String what) {
            return new Deadline(System.nanoTime() + budget.toNanos(), budget, what);
        }

        /** The time left, or an {@link OracleUnavailableException} when there is none. */
        public Duration remaining(String endpoint) {
            long left = endNanos - System.nanoTime();
            if (left <= 0) {
                throw new OracleUnavailableException(
                        what + " " + endpoint + " did not answer within " + budget.toMillis() + " ms");
            }
            return Duration.ofNanos(left);
        }
    }

    /** A body past its size limit; the exchange was cancelled. */
    public static final class ResponseTooLarge extends IOException {
        ResponseTooLarge() {
            super("response too large");
        }
    }

    /** Collects the body, and gives up (cancelling the exchange) beyond {@code max} bytes. */
    public static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;
        private Flow.Subscription subscription;

        public BoundedBody(int max) {
            this.max = max;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new ResponseTooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
