package dev.panthera.llm.provider.openai;

import dev.panthera.llm.spi.ModelCallException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Turns whatever LangChain4j or the JDK threw into a {@link ModelCallException}. The detail names
 * the provider and the kind of failure only: upstream bodies may echo the prompt.
 */
final class UpstreamErrors {

    private UpstreamErrors() {}

    static ModelCallException map(String provider, Throwable error) {
        if (error instanceof ModelCallException known) {
            return known;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UpstreamHttpException http) {
                return byStatus(provider, http);
            }
            if (t instanceof HttpTimeoutException
                    || t instanceof TimeoutException
                    || t instanceof dev.langchain4j.exception.TimeoutException) {
                return ModelCallException.unavailable("Model provider '" + provider + "' timed out", true);
            }
            if (t instanceof IOException) {
                return ModelCallException.unavailable(
                        "Model provider '" + provider + "' could not be reached or broke the connection", true);
            }
        }
        return ModelCallException.unavailable("Model provider '" + provider + "' failed", true);
    }

    private static ModelCallException byStatus(String provider, UpstreamHttpException http) {
        int status = http.statusCode();
        if (status == 429) {
            return ModelCallException.rateLimited(
                    "Model provider '" + provider + "' is rate limiting requests", http.retryAfter());
        }
        if (status >= 500 || status == 408) {
            return ModelCallException.unavailable("Model provider '" + provider + "' answered HTTP " + status, true);
        }
        // 400/401/403/404: retrying cannot help, and it is Panthera's configuration, not the user's input.
        return ModelCallException.unavailable(
                "Model provider '" + provider + "' rejected the request (HTTP " + status + ")", false);
    }
}
