/**
 * Logs that never leak secrets: every line any logger writes passes a redaction guard (JWTs, Bearer
 * tokens, keys, signatures, sensitive fields and chat content masked), and payload loggers stay quiet.
 */
package dev.panthera.platform.logging;
