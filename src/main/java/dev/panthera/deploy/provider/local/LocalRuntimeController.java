package dev.panthera.deploy.provider.local;

import dev.panthera.chat.ChatService;
import dev.panthera.chat.ChatService.ChatReply;
import dev.panthera.deploy.provider.local.LocalAgents.LocalAgent;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint of a {@code local} deployment: a public health check (no secrets: status, uptime,
 * counters) and chat for the NFT's owner, through the same chat path as {@code /v1/agents/.../chat}.
 */
@RestController
@Tag(name = "runtime", description = "Agents deployed with the local provider")
class LocalRuntimeController {

    private final LocalAgents agents;
    private final ChatService chat;
    private final Clock clock;

    LocalRuntimeController(LocalAgents agents, ChatService chat, Clock clock) {
        this.agents = agents;
        this.chat = chat;
        this.clock = clock;
    }

    record RuntimeHealth(String status, String deploymentId, long uptimeS, long requests, long errors) {}

    record RuntimeChatRequest(String message, UUID conversationId) {}

    record RuntimeChatResponse(String response, UUID conversationId, Instant timestamp, int tokensUsed, String model) {}

    @GetMapping("/v1/runtime/{slug}/health")
    @Operation(summary = "Health of a local agent (public): status, uptime in seconds, requests and errors served")
    RuntimeHealth health(@PathVariable String slug) {
        LocalAgent agent = running(slug);
        LocalAgents.Counters counters = agents.counters(slug);
        return new RuntimeHealth(
                "healthy",
                agent.deploymentId().toString(),
                Math.max(0, Duration.between(agent.startedAt(), clock.instant()).toSeconds()),
                counters.requests(),
                counters.errors());
    }

    @PostMapping("/v1/runtime/{slug}/chat")
    @Operation(summary = "Chat with a local agent; the NFT's owner only (as /v1/agents/{collection}/{token_id}/chat)")
    RuntimeChatResponse chat(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable String slug,
            @RequestBody RuntimeChatRequest request,
            HttpServletResponse response) {
        LocalAgent agent = running(slug);
        if (request.message() == null) {
            throw PantheraException.validation("message is required");
        }
        agents.countRequest(slug);
        try {
            ChatReply reply = chat.send(principal, agent.nft(), request.message(), request.conversationId());
            reply.limits().forEach(response::setHeader);
            return new RuntimeChatResponse(
                    reply.response(), reply.conversationId(), reply.timestamp(), reply.tokensUsed(), reply.model());
        } catch (RuntimeException e) {
            agents.countError(slug);
            throw e;
        }
    }

    private LocalAgent running(String slug) {
        return agents.find(slug).orElseThrow(() -> PantheraException.notFound("No local agent " + slug + " runs here"));
    }
}
