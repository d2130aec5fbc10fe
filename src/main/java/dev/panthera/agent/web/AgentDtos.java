package dev.panthera.agent.web;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentConfigVersion;
import dev.panthera.agent.AgentDeployment;
import dev.panthera.agent.AgentPerformance;
import dev.panthera.agent.AgentView;
import dev.panthera.agent.Persona;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of /v1/agents (snake_case on the wire). */
final class AgentDtos {

    private AgentDtos() {}

    /**
     * Seed 000 AgentInfo (name, nft_token_id, capabilities, model, status online|offline|error,
     * version, uptime) with the seed 001 registry fields; {@code agent_status} is
     * active|paused|retired. {@code uptime} is 0 until deployments report it.
     */
    record AgentInfo(
            String name,
            String nftTokenId,
            List<String> capabilities,
            String model,
            String status,
            int version,
            long uptime,
            String collection,
            String ownerAddress,
            String agentType,
            String agentStatus,
            String description,
            AgentConfig configuration,
            List<String> permissions,
            AgentDeployment deployment,
            AgentPerformance performance,
            PersonaSummary persona,
            List<String> overriddenFields,
            String metadataUri,
            Instant metadataFetchedAt,
            String metadataError,
            Instant metadataErrorAt,
            Instant mintedAt,
            Instant lastActive,
            Instant createdAt,
            Instant updatedAt) {

        static AgentInfo of(AgentView a) {
            Persona p = a.persona();
            return new AgentInfo(
                    a.name(),
                    a.nft().tokenId(),
                    a.config().capabilities(),
                    a.config().model(),
                    a.availability(),
                    a.version(),
                    0,
                    a.nft().collection(),
                    a.ownerAddress(),
                    a.agentType(),
                    a.status().id(),
                    a.description(),
                    a.config(),
                    a.permissions(),
                    a.deployment(),
                    a.performance(),
                    p == null ? null : new PersonaSummary(p.name(), p.description(), p.source(), p.updatedAt()),
                    List.copyOf(a.overriddenFields()),
                    a.metadata().uri(),
                    a.metadata().fetchedAt(),
                    a.metadata().error(),
                    a.metadata().errorAt(),
                    a.mintedAt(),
                    a.lastActive(),
                    a.createdAt(),
                    a.updatedAt());
        }
    }

    record PersonaSummary(String name, String description, String source, Instant updatedAt) {}

    record AgentList(List<AgentInfo> agents, int total, int limit, int offset) {}

    record HistoryList(List<AgentConfigVersion> versions, int limit, int offset) {}

    record RefreshResponse(boolean loaded, boolean changed, AgentInfo agent) {}

    record StatusRequest(@NotBlank String status) {}

    record PromptResponse(String systemPrompt, int length) {}

    /** Seed 004 Persona as the owner writes it. */
    record PersonaRequest(
            @NotBlank @Size(max = 100) String name,
            String description,
            Map<String, Object> traits,
            Map<String, String> voice,
            List<String> knowledgeAreas,
            List<String> behavioralRules,
            List<Map<String, String>> exampleInteractions) {

        Persona toPersona() {
            return new Persona(
                    name,
                    description,
                    traits,
                    voice,
                    knowledgeAreas,
                    behavioralRules,
                    exampleInteractions,
                    "manual",
                    null);
        }
    }

    record ElizaImportResponse(Persona persona, List<String> warnings) {}
}
