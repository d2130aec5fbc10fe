package dev.panthera.deploy.spi;

/**
 * A provider call failed. {@code retryable}: a timeout, 5xx or conflict worth trying again;
 * otherwise (bad request, quota, image missing) the deployment fails with {@link #getMessage()},
 * which must say what went wrong without secrets.
 */
public class ProviderException extends RuntimeException {

    private final boolean retryable;

    public ProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public ProviderException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
