package dev.panthera.shared;

/** The stable error codes of the API (DESIGN.md §3), each with the HTTP status it is sent with. */
public enum ProblemCode {
    UNAUTHORIZED(401),
    TOKEN_EXPIRED(401),
    INVALID_SIGNATURE(401),
    NONCE_INVALID(401),
    NOT_OWNER(403),
    FORBIDDEN(403),
    RATE_LIMITED(429),
    QUOTA_EXCEEDED(429),
    PAYMENT_REQUIRED(402),
    VALIDATION_FAILED(400),
    NOT_FOUND(404),
    CONFLICT(409),
    UPSTREAM_UNAVAILABLE(503),
    INTERNAL(500);

    private final int status;

    ProblemCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
