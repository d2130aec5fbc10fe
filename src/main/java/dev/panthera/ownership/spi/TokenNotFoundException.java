package dev.panthera.ownership.spi;

/** The chain answered, and the token does not exist (never minted, or burned). */
public class TokenNotFoundException extends RuntimeException {

    public TokenNotFoundException(String message) {
        super(message);
    }
}
