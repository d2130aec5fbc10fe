package dev.panthera.chat.web;

import dev.panthera.chat.ChatService;
import dev.panthera.chat.ChatService.ChatReply;
import dev.panthera.chat.ChatService.ChatStream;
import dev.panthera.chat.ChatService.ConversationMessages;
import dev.panthera.chat.web.ChatDtos.ChatRequest;
import dev.panthera.chat.web.ChatDtos.ChatResponse;
import dev.panthera.chat.web.ChatDtos.ClearResponse;
import dev.panthera.chat.web.ChatDtos.ConversationList;
import dev.panthera.chat.web.ChatDtos.MessageList;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Chat with an agent and the caller's conversations (DESIGN.md §3, seed 000 chat models). */
@RestController
@Validated
@Tag(name = "chat", description = "Chat with the agent of an NFT you hold; conversations and their history")
class ChatController {

    static final String AGENT = "/v1/agents/{collection}/{token_id}";
    static final String ONLY = "/v1/agents/{token_id}";

    private final ChatService chat;
    private final OwnershipService ownership;
    private final SseWriter sse;

    ChatController(ChatService chat, OwnershipService ownership, SseWriter sse) {
        this.chat = chat;
        this.ownership = ownership;
        this.sse = sse;
    }

    @PostMapping({AGENT + "/chat", ONLY + "/chat"})
    @Operation(
            summary = "Send a message (seed 000 ChatRequest); JSON ChatResponse, or an SSE stream when stream is"
                    + " true: 'token' events, then 'done' with conversation_id, tokens_used and model, or 'error'")
    ChatResponse send(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable(required = false) String collection,
            @PathVariable("token_id") String tokenId,
            @Valid @RequestBody ChatRequest request,
            HttpServletRequest servletRequest,
            HttpServletResponse response)
            throws IOException {
        NftId nft = ownership.nft(collection, tokenId);
        if (request.streamed()) {
            sse.stream(servletRequest, response, listener -> {
                ChatStream stream = chat.stream(principal, nft, request.message(), request.conversationId(), listener);
                stream.limits().forEach(response::setHeader);
                return stream;
            });
            return null;
        }
        ChatReply reply = chat.send(principal, nft, request.message(), request.conversationId());
        reply.limits().forEach(response::setHeader);
        return ChatResponse.of(reply);
    }

    @GetMapping({AGENT + "/conversations", ONLY + "/conversations"})
    @Operation(summary = "The caller's conversations with this agent, most recently active first")
    ConversationList conversations(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable(required = false) String collection,
            @PathVariable("token_id") String tokenId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        NftId nft = ownership.nft(collection, tokenId);
        return new ConversationList(chat.conversations(principal, nft, limit, offset), limit, offset);
    }

    @GetMapping("/v1/conversations/{id}/messages")
    @Operation(summary = "A conversation's messages, decrypted, newest first")
    MessageList messages(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        ConversationMessages page = chat.messages(principal, id, limit, offset);
        var c = page.conversation();
        return new MessageList(
                c.conversationId(),
                page.messages(),
                c.messageCount(),
                c.tokenCount(),
                c.createdAt(),
                c.updatedAt(),
                limit,
                offset);
    }

    @DeleteMapping("/v1/conversations/{id}/messages")
    @Operation(summary = "Clear a conversation's messages; the conversation stays")
    ClearResponse clear(@AuthenticationPrincipal WalletPrincipal principal, @PathVariable UUID id) {
        return new ClearResponse(id, chat.clear(principal, id));
    }

    @DeleteMapping("/v1/conversations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a conversation with its messages")
    void delete(@AuthenticationPrincipal WalletPrincipal principal, @PathVariable UUID id) {
        chat.delete(principal, id);
    }
}
