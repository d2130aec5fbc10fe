package dev.panthera.chat.web;

import dev.panthera.chat.ChatService.ChatMessage;
import dev.panthera.chat.ChatService.ChatReply;
import dev.panthera.chat.ChatService.ConversationSummary;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the chat routes (snake_case on the wire). */
final class ChatDtos {

    private ChatDtos() {}

    /** Seed 000 ChatRequest. The length limit is the service's check, so its message says the limit. */
    record ChatRequest(@NotNull String message, UUID conversationId, Boolean stream) {

        boolean streamed() {
            return Boolean.TRUE.equals(stream);
        }
    }

    /** Seed 000 ChatResponse. */
    record ChatResponse(String response, UUID conversationId, Instant timestamp, int tokensUsed, String model) {
        static ChatResponse of(ChatReply r) {
            return new ChatResponse(r.response(), r.conversationId(), r.timestamp(), r.tokensUsed(), r.model());
        }
    }

    record ConversationList(List<ConversationSummary> conversations, int limit, int offset) {}

    /** Seed 000 Conversation with a page of its messages, newest first. */
    record MessageList(
            UUID conversationId,
            List<ChatMessage> messages,
            int messageCount,
            long tokenCount,
            Instant createdAt,
            Instant updatedAt,
            int limit,
            int offset) {}

    record ClearResponse(UUID conversationId, int deleted) {}
}
