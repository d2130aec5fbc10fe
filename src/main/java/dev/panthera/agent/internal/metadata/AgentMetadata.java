package dev.panthera.agent.internal.metadata;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentDeployment;
import java.util.List;

/**
 * A validated metadata document. Null parts were absent and take the defaults: {@code config}
 * without {@code agent_config}, {@code deployment} without {@code deployment}, and the ERC-721
 * {@code name}/{@code description} and Panthera's optional {@code agent_type}/{@code permissions}.
 */
public record AgentMetadata(
        String name,
        String description,
        String agentType,
        List<String> permissions,
        AgentConfig config,
        AgentDeployment deployment) {}
