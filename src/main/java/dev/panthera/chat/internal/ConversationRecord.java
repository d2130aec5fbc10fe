package dev.panthera.chat.internal;

import dev.panthera.chat.ChatService.ConversationSummary;
import dev.panthera.ownership.NftId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code conversations}. */
record ConversationRecord(
        UUID conversationId,
        String collection,
        String tokenId,
        String ownerAddress,
        String title,
        int messageCount,
        long tokenCount,
        Instant createdAt,
        Instant updatedAt) {

    NftId nft() {
        return new NftId(collection, tokenId);
    }

    ConversationSummary summary() {
        return new ConversationSummary(
                conversationId, collection, tokenId, title, messageCount, tokenCount, createdAt, updatedAt);
    }
}
