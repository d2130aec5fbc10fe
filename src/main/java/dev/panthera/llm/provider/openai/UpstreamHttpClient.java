package dev.panthera.llm.provider.openai;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * LangChain4j's HTTP client SPI over the JDK client. Ours rather than LangChain4j's so that a 429
 * keeps its Retry-After, the timeout bounds a stream until its headers and then every silence in
 * it ({@link IdleWatch}), a stream is parsed as its bytes arrive rather than on a blocked reader
 * thread ({@link SseBodySubscriber}), and a cancelled stream drops its connection so the upstream
 * stops generating. Logs nothing: bodies hold prompts and headers hold the key.
 */
final class UpstreamHttpClient implements HttpClient {

    /**
     * Where a streaming client's callbacks run (a stream's bytes, then its listener, which writes to
     * the caller's client and may block): short-lived virtual threads.
     */
    static final Executor STREAMING = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * Where a blocking client's callbacks run: on the client's own selector thread. They are the
     * client's internal steps and the completion that wakes the waiting caller, none of which
     * blocks; a thread (virtual or pooled) for each step was a tenth of a completion's CPU.
     */
    static final Executor BLOCKING = Runnable::run;

    private final java.net.http.HttpClient http;
    private final Duration timeout;

    UpstreamHttpClient(Duration timeout, Executor callbacks) {
        this.timeout = timeout;
        this.http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(callbacks)
                .build();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(toJdk(request), BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw failure(response.statusCode(), response.body(), response.headers());
            }
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .body(response.body())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Streams without a reader thread: {@link SseBodySubscriber} parses the bytes as the client
     * pushes them (LangChain4j's {@code parser}, a blocking reader, is not used). A failure before
     * the headers (connect, request timeout) comes through the future; the subscriber reports once.
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser ignored, ServerSentEventListener listener) {
        SseBodySubscriber sse = new SseBodySubscriber(listener, timeout);
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(toJdk(request), sse::open);
        exchange.whenComplete((response, error) -> {
            if (error != null) {
                sse.fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
        sse.exchange(exchange);
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        var builder =
                java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(timeout);
        request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
        String body = request.body();
        builder.method(
                request.method().name(),
                body == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        return builder.build();
    }

    static UpstreamHttpException failure(int status, String body, HttpHeaders headers) {
        return new UpstreamHttpException(
                status,
                body,
                UpstreamHttpException.parseRetryAfter(
                        headers.firstValue("Retry-After").orElse(null)));
    }

    /** Hands this client to LangChain4j's model builders; {@code callbacks}: {@link #BLOCKING} or {@link #STREAMING}. */
    static HttpClientBuilder builder(Duration timeout, Executor callbacks) {
        return new HttpClientBuilder() {
            @Override
            public Duration connectTimeout() {
                return timeout;
            }

            @Override
            public HttpClientBuilder connectTimeout(Duration ignored) {
                return this;
            }

            @Override
            public Duration readTimeout() {
                return timeout;
            }

            @Override
            public HttpClientBuilder readTimeout(Duration ignored) {
                return this;
            }

            @Override
            public HttpClient build() {
                return new UpstreamHttpClient(timeout, callbacks);
            }
        };
    }
}
