package dev.panthera.agent.web;

import dev.panthera.agent.AgentStatus;
import dev.panthera.agent.internal.AgentEditor;
import dev.panthera.agent.internal.AgentRegistry;
import dev.panthera.agent.web.AgentDtos.AgentInfo;
import dev.panthera.agent.web.AgentDtos.AgentList;
import dev.panthera.agent.web.AgentDtos.HistoryList;
import dev.panthera.agent.web.AgentDtos.PromptResponse;
import dev.panthera.agent.web.AgentDtos.RefreshResponse;
import dev.panthera.agent.web.AgentDtos.StatusRequest;
import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.NftId;
import dev.panthera.shared.PantheraException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading agents, their history and prompt; metadata refresh and status (DESIGN.md §3). */
@RestController
@RequestMapping("/v1/agents")
@Validated
@Tag(name = "agents", description = "The agent bound to each NFT: info, history, metadata, status")
class AgentController {

    static final String AGENT = "/{collection}/{token_id}";
    static final String ONLY = "/{token_id}";

    private final AgentRegistry registry;
    private final AgentEditor editor;
    private final AgentPaths paths;

    AgentController(AgentRegistry registry, AgentEditor editor, AgentPaths paths) {
        this.registry = registry;
        this.editor = editor;
        this.paths = paths;
    }

    @GetMapping
    @Operation(summary = "The caller's agents: one per NFT it holds, most recently acquired first")
    AgentList list(
            @AuthenticationPrincipal WalletPrincipal principal,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        List<NftId> owned = registry.ownedNfts(principal.walletAddress(), principal.chain());
        List<AgentInfo> page = owned.stream()
                .skip(offset)
                .limit(limit)
                .map(nft -> AgentInfo.of(registry.get(nft)))
                .toList();
        return new AgentList(page, owned.size(), limit, offset);
    }

    @GetMapping({AGENT, ONLY})
    @Operation(summary = "The agent of an NFT the caller owns (seed 000 AgentInfo and more)")
    AgentInfo get(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable(required = false) String collection,
            @PathVariable("token_id") String tokenId) {
        return AgentInfo.of(registry.get(paths.owned(collection, tokenId, principal)));
    }

    @GetMapping({AGENT + "/history", ONLY + "/history"})
    @Operation(summary = "The agent's config versions, newest first")
    HistoryList history(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable(required = false) String collection,
            @PathVariable("token_id") String tokenId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        NftId nft = paths.owned(collection, tokenId, principal);
        return new HistoryList(editor.history(nft, limit, offset), limit, offset);
    }

    @GetMapping({AGENT + "/prompt", ONLY + "/prompt"})
    @Operation(summary = "The system prompt the agent's config and persona render into")
    PromptResponse prompt(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable(required = false) String collection,
            @PathVariable("token_id") String tokenId) {
        String prompt = registry.systemPrompt(paths.owned(collection, tokenId, principal));
        return new PromptResponse(prompt, prompt.length());
    }

    @PostMapping({AGENT + "/metadata/refresh", ONLY + "/metadata/refresh"})
    @Operation(summary = "Read the token's metadata again; on failure the last good config stays")
    RefreshResponse refresh(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable(required = false) String collection,
            @PathVariable("token_id") String tokenId) {
        NftId nft = paths.owned(collection, tokenId, principal);
        AgentEditor.Refresh refresh = editor.refreshMetadata(nft, principal.walletAddress());
        return new RefreshResponse(refresh.loaded(), refresh.changed(), AgentInfo.of(refresh.agent()));
    }

    @PostMapping({AGENT + "/status", ONLY + "/status"})
    @Operation(summary = "Pause or resume (owner); retire, which is final (admin)")
    AgentInfo status(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable(required = false) String collection,
            @PathVariable("token_id") String tokenId,
            @Valid @RequestBody StatusRequest request) {
        AgentStatus target = AgentStatus.fromId(request.status());
        if (target == null) {
            throw PantheraException.validation("status must be active, paused or retired");
        }
        boolean admin = principal.authLevel() == AuthLevel.ADMIN;
        // an admin retires any agent; everything else is the owner's call
        NftId nft = target == AgentStatus.RETIRED && admin
                ? paths.nft(collection, tokenId)
                : paths.owned(collection, tokenId, principal);
        return AgentInfo.of(editor.setStatus(nft, target, admin));
    }
}
