package dev.panthera.llm;

import java.util.List;
import java.util.Objects;

/**
 * What to ask a model. {@code temperature} and {@code maxTokens} are optional (null = the
 * provider's default).
 */
public record ModelRequest(String model, List<ModelMessage> messages, Double temperature, Integer maxTokens) {

    public ModelRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    }

    public static ModelRequest of(String model, List<ModelMessage> messages) {
        return new ModelRequest(model, messages, null, null);
    }
}
