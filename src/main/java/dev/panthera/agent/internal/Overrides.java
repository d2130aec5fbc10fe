package dev.panthera.agent.internal;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentDeployment;
import dev.panthera.agent.AgentDeployment.Resources;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The owner's changes to the metadata's settings; null fields follow the metadata. Stored as
 * jsonb and re-applied whenever the metadata changes, so an owner's choice survives a refresh.
 */
record Overrides(
        Double temperature,
        Integer maxTokens,
        String systemPrompt,
        List<String> capabilities,
        String name,
        String description,
        String cpu,
        String memory,
        Integer gpu,
        String disk) {

    static final Overrides NONE = new Overrides(null, null, null, null, null, null, null, null, null, null);

    /** The field names as the API spells them, for the fields that are set. */
    Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        add(fields, "temperature", temperature);
        add(fields, "max_tokens", maxTokens);
        add(fields, "system_prompt", systemPrompt);
        add(fields, "capabilities", capabilities);
        add(fields, "name", name);
        add(fields, "description", description);
        add(fields, "resources.cpu", cpu);
        add(fields, "resources.memory", memory);
        add(fields, "resources.gpu", gpu);
        add(fields, "resources.disk", disk);
        return fields;
    }

    AgentSettings applyTo(AgentSettings base) {
        AgentConfig c = base.config();
        AgentConfig config = new AgentConfig(
                c.model(),
                or(systemPrompt, c.systemPrompt()),
                or(temperature, c.temperature()),
                or(maxTokens, c.maxTokens()),
                or(capabilities, c.capabilities()),
                c.parameters());
        Resources r = base.deployment().resources();
        Resources resources =
                new Resources(or(cpu, r.cpu()), or(memory, r.memory()), or(gpu, r.gpu()), or(disk, r.disk()));
        return new AgentSettings(
                or(name, base.name()),
                or(description, base.description()),
                base.agentType(),
                base.permissions(),
                config,
                new AgentDeployment(base.deployment().image(), resources));
    }

    /**
     * Keeps the capabilities override within what the metadata grants: after a refresh drops a
     * capability, the owner's narrower list loses it too (and goes when nothing is left).
     */
    Overrides narrowedTo(List<String> granted) {
        if (capabilities == null || granted.containsAll(capabilities)) {
            return this;
        }
        List<String> kept = capabilities.stream().filter(granted::contains).toList();
        return new Overrides(
                temperature,
                maxTokens,
                systemPrompt,
                kept.isEmpty() ? null : kept,
                name,
                description,
                cpu,
                memory,
                gpu,
                disk);
    }

    private static void add(Set<String> fields, String name, Object value) {
        if (value != null) {
            fields.add(name);
        }
    }

    private static <T> T or(T override, T base) {
        return override != null ? override : base;
    }
}
