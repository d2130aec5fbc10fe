/**
 * OpenAI-compatible providers (DeepSeek, OpenAI, vLLM, Ollama, LM Studio): LangChain4j's
 * {@code OpenAiChatModel}/{@code OpenAiStreamingChatModel} over Panthera's own HTTP client, which
 * keeps the upstream's Retry-After and closes the connection when a stream is cancelled.
 */
package dev.panthera.llm.provider.openai;
