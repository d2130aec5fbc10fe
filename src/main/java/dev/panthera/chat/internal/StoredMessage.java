package dev.panthera.chat.internal;

import java.time.Instant;

/** A row of {@code chat_messages}, content still sealed. */
record StoredMessage(
        long id, String role, byte[] contentSealed, int tokensIn, int tokensOut, String model, Instant createdAt) {}
