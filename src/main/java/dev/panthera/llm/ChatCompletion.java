package dev.panthera.llm;

import java.util.Map;

/**
 * A model's answer. {@code provider} is the configured provider name that served it; token counts
 * are the upstream's own (the offline responder estimates them); {@code metadata} carries extras
 * such as {@code responder: offline}.
 */
public record ChatCompletion(
        String content,
        String model,
        String provider,
        int inputTokens,
        int outputTokens,
        String finishReason,
        Map<String, String> metadata) {

    public ChatCompletion {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
