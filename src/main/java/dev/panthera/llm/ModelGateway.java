package dev.panthera.llm;

import dev.panthera.shared.PantheraException;

/**
 * Chat with a model. The request's {@code model} picks the provider (configured under
 * {@code panthera.llm.providers.<name>.models}); an unknown or empty model goes to
 * {@code panthera.llm.default-provider}. Failures are {@link PantheraException}s with
 * {@code UPSTREAM_UNAVAILABLE} or {@code RATE_LIMITED}.
 */
public interface ModelGateway {

    /** A whole completion; blocks until the model has answered or failed. */
    ChatCompletion complete(ModelRequest request);

    /**
     * Streams the completion to {@code listener}; returns at once. Exactly one of
     * {@link ModelStreamListener#onComplete} or {@link ModelStreamListener#onError} follows the
     * tokens, unless the stream is cancelled through the returned handle.
     */
    StreamHandle stream(ModelRequest request, ModelStreamListener listener);
}
