package dev.panthera.agent.internal.metadata;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentDeployment;
import dev.panthera.agent.AgentDeployment.Resources;
import dev.panthera.agent.internal.metadata.MetadataException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Validates the seed 000 EncryptedMetadata document (after it is opened):
 *
 * <pre>{@code
 * {"name": "...", "description": "...",                  // ERC-721, optional
 *  "agent_type": "social", "permissions": ["..."],       // Panthera, optional
 *  "agent_config": {"model": "deepseek-chat", "system_prompt": "...", "temperature": 0.7,
 *                   "max_tokens": 1024, "capabilities": ["chat"], "parameters": {...}},
 *  "deployment": {"image": "ghcr.io/org/agent:1", "resources": {"cpu": "2", "memory": "4Gi",
 *                 "gpu": false, "disk": "5Gi"}}}
 * }</pre>
 *
 * Within {@code agent_config} only {@code model} is required; every other field, and any part
 * left out, takes {@link AgentDefaults}. Unknown fields (image, attributes ...) are ignored. All
 * problems are reported at once.
 */
public final class MetadataParser {

    private static final String TYPE = "[a-z0-9_]{1,32}";
    private static final String PERMISSION = "[a-z0-9_.:-]{1,64}";
    private static final String IMAGE = "[a-z0-9][a-z0-9._/:@-]{0,254}";
    private static final int PARAMETERS_BYTES = 4096;

    private MetadataParser() {}

    /** The validated metadata; a {@link MetadataException} (INVALID) listing every problem. */
    public static AgentMetadata parse(JsonNode root) {
        List<String> problems = new ArrayList<>();
        AgentMetadata metadata = read(root, problems);
        if (!problems.isEmpty()) {
            throw new MetadataException(Kind.INVALID, "invalid metadata: " + String.join("; ", problems));
        }
        return metadata;
    }

    /** Every problem of a metadata file, for tools that check it before sealing; empty when valid. */
    public static List<String> problems(byte[] json) {
        List<String> problems = new ArrayList<>();
        try {
            read(MetadataJson.readObject(json, "metadata"), problems);
        } catch (MetadataException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    static AgentMetadata read(JsonNode root, List<String> problems) {
        String name = root.has("name")
                ? ConfigLimits.text(root.get("name"), "name", ConfigLimits.NAME_CHARS, false, problems)
                : null;
        String description = root.has("description")
                ? ConfigLimits.text(
                        root.get("description"), "description", ConfigLimits.DESCRIPTION_CHARS, false, problems)
                : null;
        String agentType = null;
        if (root.has("agent_type")) {
            agentType = root.get("agent_type").asString("");
            if (!root.get("agent_type").isString() || !agentType.matches(TYPE)) {
                problems.add("agent_type must be 1-32 lowercase letters, digits or _ (e.g. \"social\")");
            }
        }
        List<String> permissions = root.has("permissions") ? permissions(root.get("permissions"), problems) : null;
        AgentConfig config = root.has("agent_config") ? config(root.get("agent_config"), problems) : null;
        AgentDeployment deployment = root.has("deployment") ? deployment(root.get("deployment"), problems) : null;
        return new AgentMetadata(name, description, agentType, permissions, config, deployment);
    }

    private static AgentConfig config(JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            problems.add("agent_config must be an object");
            return null;
        }
        String model = node.has("model") ? ConfigLimits.model(node.get("model"), "agent_config.model", problems) : null;
        if (!node.has("model")) {
            problems.add("agent_config.model is required");
        }
        String prompt = node.has("system_prompt")
                ? ConfigLimits.systemPrompt(node.get("system_prompt"), "agent_config.system_prompt", problems)
                : AgentDefaults.SYSTEM_PROMPT;
        Double temperature = node.has("temperature")
                ? ConfigLimits.temperature(node.get("temperature"), "agent_config.temperature", problems)
                : Double.valueOf(AgentDefaults.TEMPERATURE);
        Integer maxTokens = node.has("max_tokens")
                ? ConfigLimits.maxTokens(node.get("max_tokens"), "agent_config.max_tokens", problems)
                : Integer.valueOf(AgentDefaults.MAX_TOKENS);
        List<String> capabilities = node.has("capabilities")
                ? ConfigLimits.capabilities(node.get("capabilities"), "agent_config.capabilities", problems)
                : AgentDefaults.CAPABILITIES;
        Map<String, Object> parameters =
                node.has("parameters") ? parameters(node.get("parameters"), problems) : Map.of();
        if (model == null
                || prompt == null
                || temperature == null
                || maxTokens == null
                || capabilities == null
                || parameters == null) {
            return null;
        }
        return new AgentConfig(model, prompt, temperature, maxTokens, capabilities, parameters);
    }

    private static AgentDeployment deployment(JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            problems.add("deployment must be an object");
            return null;
        }
        String image = null;
        if (node.hasNonNull("image")) {
            image = node.get("image").asString("").strip();
            if (!node.get("image").isString() || !image.matches(IMAGE)) {
                problems.add("deployment.image must be a container image reference such as ghcr.io/org/agent:1.0");
            }
        }
        Resources resources = node.has("resources")
                ? ResourceLimits.resources(
                        node.get("resources"), "deployment.resources", AgentDefaults.RESOURCES, problems)
                : AgentDefaults.RESOURCES;
        return new AgentDeployment(image, resources);
    }

    private static List<String> permissions(JsonNode node, List<String> problems) {
        List<String> permissions = new ArrayList<>();
        boolean valid = node.isArray() && node.size() <= 32;
        for (JsonNode item : valid ? node : List.<JsonNode>of()) {
            valid &= item.isString() && item.asString().matches(PERMISSION);
            permissions.add(item.asString(""));
        }
        if (!valid) {
            problems.add("permissions must be a list of at most 32 names of lowercase letters, digits, _ . : -");
            return null;
        }
        return permissions.stream().distinct().toList();
    }

    private static Map<String, Object> parameters(JsonNode node, List<String> problems) {
        if (!node.isObject() || node.toString().length() > PARAMETERS_BYTES) {
            problems.add("agent_config.parameters must be an object of at most " + PARAMETERS_BYTES + " bytes of JSON");
            return null;
        }
        return MetadataJson.mapper().convertValue(node, new TypeReference<Map<String, Object>>() {});
    }
}
