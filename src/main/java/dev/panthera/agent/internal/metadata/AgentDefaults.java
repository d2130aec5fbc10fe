package dev.panthera.agent.internal.metadata;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentDeployment;
import dev.panthera.agent.AgentDeployment.Resources;
import java.util.List;
import java.util.Map;

/**
 * What an agent runs with when its token has no metadata, and what fills the fields metadata
 * leaves out: the offline model, a generic prompt, moderate sampling, chat only, and a small
 * deployment well inside seed 000's resource limits.
 */
public final class AgentDefaults {

    public static final String MODEL = "offline";
    public static final String SYSTEM_PROMPT =
            "You are a helpful AI agent. Answer clearly and concisely, and say so when you are not sure.";
    public static final double TEMPERATURE = 0.7;
    public static final int MAX_TOKENS = 1024;
    public static final List<String> CAPABILITIES = List.of("chat");
    public static final String AGENT_TYPE = "chat";
    public static final Resources RESOURCES = new Resources("1", "2Gi", 0, "5Gi");

    private AgentDefaults() {}

    public static AgentConfig config() {
        return new AgentConfig(MODEL, SYSTEM_PROMPT, TEMPERATURE, MAX_TOKENS, CAPABILITIES, Map.of());
    }

    public static AgentDeployment deployment() {
        return new AgentDeployment(null, RESOURCES);
    }
}
