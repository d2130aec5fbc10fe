/**
 * The model gateway: one facade ({@link dev.panthera.llm.ModelGateway}) over named chat-model
 * providers (OpenAI-compatible via LangChain4j, and the offline responder), with streaming, token
 * counts, cancellation, timeouts, retries before the first token and a circuit breaker per provider.
 */
package dev.panthera.llm;
