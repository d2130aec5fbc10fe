package dev.panthera.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an agent thinks (seed 000 EncryptedMetadata {@code agent_config}, seed 001 configuration):
 * the model, its instructions and sampling settings, what it can do, and free-form parameters.
 */
public record AgentConfig(
        String model,
        String systemPrompt,
        double temperature,
        int maxTokens,
        List<String> capabilities,
        Map<String, Object> parameters) {

    public AgentConfig {
        capabilities = List.copyOf(capabilities);
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
