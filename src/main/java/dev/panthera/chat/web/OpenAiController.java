package dev.panthera.chat.web;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentService;
import dev.panthera.agent.AgentView;
import dev.panthera.chat.internal.ChatAccess;
import dev.panthera.chat.internal.MeteredModels;
import dev.panthera.chat.internal.MeteredModels.Call;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelMessage;
import dev.panthera.llm.ModelRequest;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI-compatible face of chat (DESIGN.md §3): {@code GET /v1/models} lists the agents of the
 * NFTs the caller holds, and {@code POST /v1/chat/completions} talks to one of them, named {@code
 * "{collection}/{token_id}"}, statelessly: the agent's system prompt goes first, then the client's
 * messages, and nothing is stored. The API key is a Panthera access token or API key (pnt_...); calls
 * are metered and limited like chat (see {@link MeteredModels}). Errors are
 * problem+json that also carry an OpenAI-style {@code error} object (see {@link OpenAiErrors}).
 */
@RestController
@Tag(name = "openai", description = "OpenAI-compatible models list and chat completions over your agents")
class OpenAiController {

    static final String MODELS = "/v1/models";
    static final String COMPLETIONS = "/v1/chat/completions";

    static final String COMPLETION = "completion";
    static final String COMPLETION_STREAM = "completion_stream";

    /** Messages one request may carry. */
    static final int MAX_MESSAGES = 200;

    private final AgentService agents;
    private final OwnershipService ownership;
    private final ChatAccess access;
    private final MeteredModels models;
    private final OpenAiStreamWriter sse;
    private final int maxMessageChars;
    private final Clock clock = Clock.systemUTC();

    OpenAiController(
            AgentService agents,
            OwnershipService ownership,
            ChatAccess access,
            MeteredModels models,
            OpenAiStreamWriter sse,
            PantheraProperties properties) {
        this.agents = agents;
        this.ownership = ownership;
        this.access = access;
        this.models = models;
        this.sse = sse;
        this.maxMessageChars = properties.chat().maxMessageChars();
    }

    @GetMapping(MODELS)
    @Operation(summary = "OpenAI-compatible list of the agents the caller may use; ids are {collection}/{token_id}")
    Map<String, Object> models(@AuthenticationPrincipal WalletPrincipal principal) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (AgentView agent : agents.ownedBy(principal.walletAddress(), principal.chain())) {
            if (!principal.mayUse(agent.nft().collection(), agent.nft().tokenId())) {
                continue;
            }
            Instant created = agent.mintedAt() != null ? agent.mintedAt() : agent.createdAt();
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("id", agent.nft().key());
            model.put("object", "model");
            model.put("created", created == null ? 0L : created.getEpochSecond());
            model.put("owned_by", agent.ownerAddress() != null ? agent.ownerAddress() : principal.walletAddress());
            data.add(model);
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", data);
        return list;
    }

    @PostMapping(COMPLETIONS)
    @Operation(
            summary = "OpenAI-compatible chat completion with the agent of an NFT you hold (model ="
                    + " {collection}/{token_id}); JSON, or chat.completion.chunk SSE ending in [DONE] when stream"
                    + " is true. Stateless: nothing is stored")
    Map<String, Object> complete(
            @AuthenticationPrincipal WalletPrincipal principal,
            @RequestBody JsonNode body,
            HttpServletRequest servletRequest,
            HttpServletResponse response)
            throws IOException {
        OpenAiRequest request = OpenAiRequest.parse(body, MAX_MESSAGES, maxMessageChars);
        NftId nft = nft(request.model());
        AgentView agent = access.requireSender(principal, nft);
        AgentConfig config = agent.config();
        List<ModelMessage> messages = new ArrayList<>(request.messages().size() + 1);
        String systemPrompt = agents.systemPrompt(agent);
        if (systemPrompt != null && !systemPrompt.isBlank()) {
            messages.add(ModelMessage.system(systemPrompt));
        }
        messages.addAll(request.messages());
        Integer maxTokens = request.maxTokens() == null
                ? Integer.valueOf(config.maxTokens())
                : Integer.valueOf(
                        config.maxTokens() > 0
                                ? Math.min(request.maxTokens(), config.maxTokens())
                                : request.maxTokens());
        double temperature = request.temperature() == null ? config.temperature() : request.temperature();
        ModelRequest modelRequest = new ModelRequest(config.model(), messages, temperature, maxTokens);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = clock.instant().getEpochSecond();
        models.admit(principal).forEach(response::setHeader);
        if (request.stream()) {
            Call call = new Call(principal, nft, null, COMPLETION_STREAM);
            sse.stream(
                    servletRequest,
                    response,
                    id,
                    created,
                    request.model(),
                    request.includeUsage(),
                    listener -> models.stream(call, modelRequest, listener));
            agents.markActive(nft);
            return null;
        }
        ChatCompletion completion = models.complete(new Call(principal, nft, null, COMPLETION), modelRequest);
        agents.markActive(nft);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", completion.content());
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("finish_reason", finishReason(completion.finishReason()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("object", "chat.completion");
        result.put("created", created);
        result.put("model", request.model());
        result.put("choices", List.of(choice));
        result.put("usage", usage(completion));
        return result;
    }

    /** {@code "{collection}/{token_id}"}, with the shapes the agent routes accept. */
    private NftId nft(String model) {
        int slash = model.indexOf('/');
        if (slash <= 0 || slash == model.length() - 1 || model.indexOf('/', slash + 1) >= 0) {
            throw PantheraException.validation(
                    "model must be \"{collection}/{token_id}\" of an NFT you hold (see GET /v1/models)");
        }
        return ownership.nft(model.substring(0, slash), model.substring(slash + 1));
    }

    static String finishReason(String reason) {
        if (reason == null) {
            return "stop";
        }
        return switch (reason) {
            case "length", "content_filter", "tool_calls" -> reason;
            default -> "stop";
        };
    }

    static Map<String, Object> usage(ChatCompletion completion) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", completion.inputTokens());
        usage.put("completion_tokens", completion.outputTokens());
        usage.put("total_tokens", completion.totalTokens());
        return usage;
    }
}
