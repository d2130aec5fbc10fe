package dev.panthera.ownership.spi;

/** The chain could not be asked (timeout, connection refused, an error or malformed answer). */
public class OracleUnavailableException extends RuntimeException {

    public OracleUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public OracleUnavailableException(String message) {
        super(message);
    }
}
