package dev.panthera.agent.internal;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentDeployment;
import dev.panthera.agent.internal.metadata.AgentDefaults;
import dev.panthera.agent.internal.metadata.AgentMetadata;
import dev.panthera.ownership.NftId;
import java.util.List;

/** Everything about an agent that metadata sets and its owner may override, as one value. */
record AgentSettings(
        String name,
        String description,
        String agentType,
        List<String> permissions,
        AgentConfig config,
        AgentDeployment deployment) {

    AgentSettings {
        permissions = List.copyOf(permissions);
    }

    /** An agent whose token has no (usable) metadata. */
    static AgentSettings defaults(NftId nft) {
        return new AgentSettings(
                defaultName(nft),
                "",
                AgentDefaults.AGENT_TYPE,
                List.of(),
                AgentDefaults.config(),
                AgentDefaults.deployment());
    }

    /** Metadata over the defaults: whatever the document left out, the defaults fill in. */
    static AgentSettings from(AgentMetadata metadata, NftId nft) {
        return new AgentSettings(
                metadata.name() == null || metadata.name().isBlank() ? defaultName(nft) : metadata.name(),
                metadata.description() == null ? "" : metadata.description(),
                metadata.agentType() == null ? AgentDefaults.AGENT_TYPE : metadata.agentType(),
                metadata.permissions() == null ? List.of() : metadata.permissions(),
                metadata.config() == null ? AgentDefaults.config() : metadata.config(),
                metadata.deployment() == null ? AgentDefaults.deployment() : metadata.deployment());
    }

    /** Equal as stored: compared through their JSON, so number types and map order cannot differ. */
    boolean sameAs(AgentSettings other) {
        return other != null && AgentJson.write(this).equals(AgentJson.write(other));
    }

    private static String defaultName(NftId nft) {
        return nft.collection() + " #" + nft.tokenId();
    }
}
