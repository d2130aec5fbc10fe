package dev.panthera.llm.spi;

import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;

/**
 * One named model server. Implementations make a single attempt and report failures as
 * {@link ModelCallException}; the gateway owns retries and the circuit breaker. Calls must honour
 * the provider's timeout, never hang, and never log prompts, completions or keys.
 */
public interface ChatModelProvider {

    /** The configured name, e.g. {@code deepseek} or {@code offline}. */
    String name();

    /** Whether this provider is configured to serve {@code model}. */
    boolean serves(String model);

    ChatCompletion complete(ModelRequest request);

    /** Starts streaming; failures go to the listener, never thrown. */
    StreamHandle stream(ModelRequest request, ModelStreamListener listener);
}
