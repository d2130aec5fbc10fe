package dev.panthera.chat;

import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.NftId;
import dev.panthera.shared.PantheraException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What other modules may ask of chat. Every call checks that the caller's wallet owns the NFT now
 * ({@code NOT_OWNER} otherwise) and, for a caller with an API key, that the key is scoped to the
 * agent ({@code FORBIDDEN}); a conversation that is not the wallet's, or not with this agent, is
 * {@code NOT_FOUND}. Sending also needs the agent to be active ({@code CONFLICT} when paused or
 * retired) and the caller within its model-call limits ({@code RATE_LIMITED}, {@code
 * QUOTA_EXCEEDED}). Limits: a message of at most {@code panthera.chat.max-message-chars} ({@code
 * VALIDATION_FAILED}), a conversation of at most {@code panthera.chat.max-messages} ({@code
 * CONFLICT}: start a new one).
 */
public interface ChatService {

    /** Sends a message (to a new conversation when {@code conversationId} is null) and waits for the reply. */
    ChatReply send(WalletPrincipal caller, NftId nft, String message, UUID conversationId);

    /**
     * Streams the reply to {@code listener}; returns once the request is accepted (limits and
     * ownership are checked before, and throw). The exchange is stored when the stream completes;
     * a cancelled stream stores nothing.
     */
    ChatStream stream(WalletPrincipal caller, NftId nft, String message, UUID conversationId, ChatListener listener);

    /** The wallet's conversations with this agent, most recently active first. */
    List<ConversationSummary> conversations(WalletPrincipal caller, NftId nft, int limit, int offset);

    /** The conversation's messages, decrypted, newest first. */
    ConversationMessages messages(WalletPrincipal caller, UUID conversationId, int limit, int offset);

    /** Deletes the conversation's messages and keeps the conversation; returns how many went. */
    int clear(WalletPrincipal caller, UUID conversationId);

    /** Deletes the conversation with its messages. */
    void delete(WalletPrincipal caller, UUID conversationId);

    /**
     * A model's reply (seed 000 ChatResponse); {@code limits} are the caller's rate-limit and budget
     * headers for the transport to send.
     */
    record ChatReply(
            String response,
            UUID conversationId,
            Instant timestamp,
            int tokensUsed,
            String model,
            Map<String, String> limits) {}

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

        /** The caller's rate-limit and budget headers, known once the stream is admitted. */
        Map<String, String> limits();

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
