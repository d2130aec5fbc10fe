package dev.panthera.agent.web;

import dev.panthera.agent.AgentView;
import dev.panthera.agent.Persona;
import dev.panthera.agent.internal.AgentEditor;
import dev.panthera.agent.internal.ConfigPatch;
import dev.panthera.agent.internal.persona.PersonaService;
import dev.panthera.agent.web.AgentDtos.AgentInfo;
import dev.panthera.agent.web.AgentDtos.ElizaImportResponse;
import dev.panthera.agent.web.AgentDtos.PersonaRequest;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.NftId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The owner's changes: config overrides and the persona (written, imported from ElizaOS, removed). */
@RestController
@RequestMapping("/v1/agents")
@Tag(name = "agents")
class AgentSettingsController {

    private static final String AGENT = AgentController.AGENT;
    private static final String ONLY = AgentController.ONLY;

    private final AgentEditor editor;
    private final PersonaService personas;
    private final AgentPaths paths;

    AgentSettingsController(AgentEditor editor, PersonaService personas, AgentPaths paths) {
        this.editor = editor;
        this.personas = personas;
        this.paths = paths;
    }

    @PatchMapping({AGENT + "/config", ONLY + "/config"})
    @Operation(
            summary = "Override temperature, max_tokens, system_prompt, capabilities (a subset), name,"
                    + " description or resources within seed 000 limits; 'reset' returns fields to the metadata's")
    AgentInfo config(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable(required = false) String collection,
            @PathVariable("token_id") String tokenId,
            @RequestBody JsonNode body) {
        NftId nft = paths.owned(collection, tokenId, principal);
        return AgentInfo.of(editor.updateConfig(nft, ConfigPatch.parse(body), principal.walletAddress()));
    }

    @PutMapping({AGENT + "/persona", ONLY + "/persona"})
    @Operation(summary = "Set the agent's persona (seed 004), rendered into its system prompt")
    Persona persona(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable(required = false) String collection,
            @PathVariable("token_id") String tokenId,
            @Valid @RequestBody PersonaRequest request) {
        AgentView agent = editor.changeable(paths.owned(collection, tokenId, principal));
        return personas.put(agent.id(), request.toPersona());
    }

    @PostMapping({AGENT + "/persona/eliza", ONLY + "/persona/eliza"})
    @Operation(summary = "Import an ElizaOS character JSON as the agent's persona")
    ElizaImportResponse eliza(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable(required = false) String collection,
            @PathVariable("token_id") String tokenId,
            @RequestBody JsonNode character) {
        AgentView agent = editor.changeable(paths.owned(collection, tokenId, principal));
        PersonaService.Imported imported = personas.importEliza(agent.id(), character);
        return new ElizaImportResponse(imported.persona(), imported.warnings());
    }

    @DeleteMapping({AGENT + "/persona", ONLY + "/persona"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove the agent's persona")
    void deletePersona(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable(required = false) String collection,
            @PathVariable("token_id") String tokenId) {
        AgentView agent = editor.changeable(paths.owned(collection, tokenId, principal));
        personas.delete(agent.id());
    }
}
