/** The chat-model providers: OpenAI-compatible upstreams and the offline responder. */
package dev.panthera.llm.provider;
