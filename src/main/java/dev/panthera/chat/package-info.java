/**
 * Chat with the agent bound to an NFT (seed 000 ChatRequest/ChatResponse/Conversation, seed 004
 * Message): conversations owned by the wallet that started them, messages sealed at rest, context
 * fitted to a token budget, streaming, limits and retention. Other modules use {@link
 * dev.panthera.chat.ChatService}. Chat content is never logged.
 */
package dev.panthera.chat;
