package dev.panthera.agent.internal;

import dev.panthera.agent.internal.metadata.ConfigLimits;
import dev.panthera.agent.internal.metadata.ResourceLimits;
import dev.panthera.shared.PantheraException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * An owner's request to change settings: values to override and fields to {@code reset} to the
 * metadata's. Read from the raw JSON so that a field the owner cannot change (model, image ...) is
 * refused by name instead of silently ignored, and every problem is reported at once.
 *
 * <pre>{@code
 * {"temperature": 0.2, "max_tokens": 512, "system_prompt": "...", "capabilities": ["chat"],
 *  "name": "...", "description": "...", "resources": {"cpu": "2", "memory": "4Gi", "gpu": 0, "disk": "5Gi"},
 *  "reset": ["system_prompt", "resources.cpu"]}
 * }</pre>
 */
public record ConfigPatch(Overrides values, Set<String> reset) {

    static final Set<String> FIELDS = Set.of(
            "temperature", "max_tokens", "system_prompt", "capabilities", "name", "description", "resources", "reset");
    static final Set<String> RESETTABLE = Set.of(
            "temperature",
            "max_tokens",
            "system_prompt",
            "capabilities",
            "name",
            "description",
            "resources",
            "resources.cpu",
            "resources.memory",
            "resources.gpu",
            "resources.disk");

    public static ConfigPatch parse(JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw PantheraException.validation(
                    "Send a JSON object with the settings to change, e.g. {\"temperature\": 0.3}");
        }
        List<String> problems = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                problems.add(field + " cannot be changed by the owner (allowed: temperature, max_tokens, system_prompt,"
                        + " capabilities, name, description, resources, reset)");
            }
        }
        JsonNode resources = body.path("resources");
        if (body.has("resources") && !resources.isObject()) {
            problems.add("resources must be an object with cpu, memory, gpu and/or disk");
        }
        Overrides values = new Overrides(
                body.has("temperature")
                        ? ConfigLimits.temperature(body.get("temperature"), "temperature", problems)
                        : null,
                body.has("max_tokens") ? ConfigLimits.maxTokens(body.get("max_tokens"), "max_tokens", problems) : null,
                body.has("system_prompt")
                        ? ConfigLimits.systemPrompt(body.get("system_prompt"), "system_prompt", problems)
                        : null,
                body.has("capabilities")
                        ? ConfigLimits.capabilities(body.get("capabilities"), "capabilities", problems)
                        : null,
                body.has("name")
                        ? ConfigLimits.text(body.get("name"), "name", ConfigLimits.NAME_CHARS, true, problems)
                        : null,
                body.has("description")
                        ? ConfigLimits.text(
                                body.get("description"), "description", ConfigLimits.DESCRIPTION_CHARS, true, problems)
                        : null,
                resources.has("cpu") ? ResourceLimits.cpu(resources.get("cpu"), "resources.cpu", problems) : null,
                resources.has("memory")
                        ? ResourceLimits.memory(resources.get("memory"), "resources.memory", problems)
                        : null,
                resources.has("gpu") ? ResourceLimits.gpu(resources.get("gpu"), "resources.gpu", problems) : null,
                resources.has("disk") ? ResourceLimits.disk(resources.get("disk"), "resources.disk", problems) : null);
        Set<String> reset = reset(body.path("reset"), problems);
        if (!problems.isEmpty()) {
            throw PantheraException.validation(String.join("; ", problems));
        }
        return new ConfigPatch(values, reset);
    }

    /** The owner's overrides after this patch: values replace, resets clear (a value wins over its reset). */
    Overrides applyTo(Overrides current) {
        return new Overrides(
                pick(values.temperature(), current.temperature(), "temperature"),
                pick(values.maxTokens(), current.maxTokens(), "max_tokens"),
                pick(values.systemPrompt(), current.systemPrompt(), "system_prompt"),
                pick(values.capabilities(), current.capabilities(), "capabilities"),
                pick(values.name(), current.name(), "name"),
                pick(values.description(), current.description(), "description"),
                pick(values.cpu(), current.cpu(), "resources.cpu"),
                pick(values.memory(), current.memory(), "resources.memory"),
                pick(values.gpu(), current.gpu(), "resources.gpu"),
                pick(values.disk(), current.disk(), "resources.disk"));
    }

    private <T> T pick(T value, T current, String field) {
        if (value != null) {
            return value;
        }
        boolean cleared = reset.contains(field) || (field.startsWith("resources.") && reset.contains("resources"));
        return cleared ? null : current;
    }

    private static Set<String> reset(JsonNode node, List<String> problems) {
        Set<String> fields = new LinkedHashSet<>();
        if (node.isMissingNode()) {
            return fields;
        }
        boolean valid = node.isArray();
        for (JsonNode item : valid ? node : List.<JsonNode>of()) {
            valid &= item.isString() && RESETTABLE.contains(item.asString());
            fields.add(item.asString(""));
        }
        if (!valid) {
            problems.add("reset must be a list of field names among "
                    + RESETTABLE.stream().sorted().toList());
        }
        return fields;
    }
}
