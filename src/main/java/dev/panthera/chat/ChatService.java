package dev.panthera.chat;

import dev.panthera.ownership.NftId;
import dev.panthera.shared.PantheraException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What other modules may ask of chat. Every call checks that the wallet owns the NFT now
 * ({@code NOT_OWNER} otherwise); a conversation that is not the wallet's, or not with this agent,
 * is {@code NOT_FOUND}. Limits: a message of at most {@code panthera.chat.max-message-chars}
 * ({@code VALIDATION_FAILED}), a conversation of at most {@code panthera.chat.max-messages}
 * ({@code CONFLICT}: start a new one).
 */
public interface ChatService {

    /** Sends a message (to a new conversation when {@code conversationId} is null) and waits for the reply. */
    ChatReply send(String walletAddress, NftId nft, String message, UUID conversationId);

    /**
     * Streams the reply to {@code listener}; returns once the request is accepted (limits and
     * ownership are checked before, and throw). The exchange is stored when the stream completes;
     * a cancelled stream stores nothing.
     */
    ChatStream stream(String walletAddress, NftId nft, String message, UUID conversationId, ChatListener listener);

    /** The wallet's conversations with this agent, most recently active first. */
    List<ConversationSummary> conversations(String walletAddress, NftId nft, int limit, int offset);

    /** The conversation's messages, decrypted, newest first. */
    ConversationMessages messages(String walletAddress, UUID conversationId, int limit, int offset);

    /** Deletes the conversation's messages and keeps the conversation; returns how many went. */
    int clear(String walletAddress, UUID conversationId);

    /** Deletes the conversation with its messages. */
    void delete(String walletAddress, UUID conversationId);

    /** A model's reply (seed 000 ChatResponse). */
    record ChatReply(String response, UUID conversationId, Instant timestamp, int tokensUsed, String model) {}

    /** Receives a streamed reply; called from one thread at a time. */
    interface ChatListener {

        void onToken(String token);

        /** The reply is stored; {@code reply.response()} is all tokens joined. */
        void onComplete(ChatReply reply);

        void onError(PantheraException error);
    }

    /** A running stream: its conversation, and a way to abort it (nothing is stored then). */
    interface ChatStream {

        UUID conversationId();

        void cancel();
    }

    /** A conversation without its messages (seed 000 Conversation). */
    record ConversationSummary(
            UUID conversationId,
            String collection,
            String nftTokenId,
            String title,
            int messageCount,
            long tokenCount,
            Instant createdAt,
            Instant updatedAt) {}

    /** One stored message, decrypted. {@code role} is user or assistant. */
    record ChatMessage(
            long id, String role, String content, int tokensIn, int tokensOut, String model, Instant createdAt) {}

    /** A page of a conversation's messages, newest first. */
    record ConversationMessages(ConversationSummary conversation, List<ChatMessage> messages) {}
}
