package dev.panthera.shared;

import java.util.Map;

/**
 * An error with a stable {@link ProblemCode}; the web layer turns it into RFC 9457 problem+json.
 * The detail is shown to the client, so it must never carry secrets, signatures or message bodies.
 */
public class PantheraException extends RuntimeException {

    private final ProblemCode code;
    private final Map<String, String> headers;

    public PantheraException(ProblemCode code, String detail) {
        this(code, detail, Map.of());
    }

    public PantheraException(ProblemCode code, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public ProblemCode code() {
        return code;
    }

    /** Extra response headers, e.g. {@code Retry-After} on a 429. */
    public Map<String, String> headers() {
        return headers;
    }

    public static PantheraException validation(String detail) {
        return new PantheraException(ProblemCode.VALIDATION_FAILED, detail);
    }

    public static PantheraException unauthorized(String detail) {
        return new PantheraException(ProblemCode.UNAUTHORIZED, detail);
    }

    public static PantheraException notFound(String detail) {
        return new PantheraException(ProblemCode.NOT_FOUND, detail);
    }
}
