/**
 * Chat's implementation: the {@code conversations} and {@code chat_messages} tables (content
 * sealed per conversation), the context window, the send/stream flow and the retention job.
 */
package dev.panthera.chat.internal;
