package dev.panthera.llm.provider.openai;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * LangChain4j's HTTP client SPI over the JDK client. Ours rather than LangChain4j's so that a 429
 * keeps its Retry-After, the timeout bounds a stream until its headers and then every silence in
 * it ({@link IdleTimeoutStream}), and the response
 * stream is always closed when parsing stops (cancelled, failed, done), which drops the connection
 * so the upstream stops generating. Logs nothing: bodies hold prompts and headers hold the key.
 */
final class UpstreamHttpClient implements HttpClient {

    private static final int MAX_ERROR_BODY = 8192;

    private final java.net.http.HttpClient http;
    private final Duration timeout;
    /** Each stream is parsed on its own virtual thread, never on the caller's. */
    private final Executor readers = Executors.newVirtualThreadPerTaskExecutor();

    UpstreamHttpClient(Duration timeout) {
        this.timeout = timeout;
        this.http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(readers)
                .build();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(toJdk(request), BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw failure(response.statusCode(), response.body(), response);
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

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        http.sendAsync(toJdk(request), BodyHandlers.ofInputStream())
                .whenCompleteAsync(
                        (response, error) -> {
                            if (error != null) {
                                listener.onError(error.getCause() != null ? error.getCause() : error);
                                return;
                            }
                            try (InputStream body = new IdleTimeoutStream(response.body(), timeout)) {
                                if (response.statusCode() / 100 != 2) {
                                    String text = new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
                                    listener.onError(failure(response.statusCode(), text, response));
                                    return;
                                }
                                listener.onOpen(SuccessfulHttpResponse.builder()
                                        .statusCode(response.statusCode())
                                        .headers(response.headers().map())
                                        .build());
                                ErrorWatch watch = new ErrorWatch(listener);
                                parser.parse(body, watch);
                                if (!watch.failed) {
                                    listener.onClose();
                                }
                            } catch (IOException | RuntimeException e) {
                                listener.onError(e);
                            }
                        },
                        readers);
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

    private static UpstreamHttpException failure(int status, String body, HttpResponse<?> response) {
        return new UpstreamHttpException(
                status,
                body,
                UpstreamHttpException.parseRetryAfter(
                        response.headers().firstValue("Retry-After").orElse(null)));
    }

    /** Remembers whether the parser already reported an error, so close is not reported after it. */
    private static final class ErrorWatch implements ServerSentEventListener {
        private final ServerSentEventListener delegate;
        private boolean failed;

        ErrorWatch(ServerSentEventListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            delegate.onEvent(event, context);
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            delegate.onEvent(event);
        }

        @Override
        public void onError(Throwable error) {
            failed = true;
            delegate.onError(error);
        }
    }

    /** Hands this client to LangChain4j's model builders. */
    static HttpClientBuilder builder(Duration timeout) {
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
                return new UpstreamHttpClient(timeout);
            }
        };
    }
}
