package dev.panthera.agent.internal.metadata;

/**
 * Metadata could not be used. The message is stored with the agent and shown to its owner, so it
 * says what went wrong (scheme, size, time, JSON position, field and limit) and never includes the
 * document's content, decrypted or not.
 */
public class MetadataException extends RuntimeException {

    /** What kind of failure, for callers and tests that branch on it. */
    public enum Kind {
        UNSUPPORTED_URI,
        UNREACHABLE,
        TIMEOUT,
        TOO_LARGE,
        HTTP_STATUS,
        REDIRECT,
        BAD_JSON,
        SEALED,
        INVALID
    }

    private final Kind kind;

    public MetadataException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
