/**
 * The HTTP face of chat: {@code POST /v1/agents/{collection}/{token_id}/chat} (JSON or an SSE
 * stream), the caller's conversations with an agent, and {@code /v1/conversations/{id}} history,
 * clear and delete. Every route checks that the caller owns the agent's NFT now.
 */
package dev.panthera.chat.web;
