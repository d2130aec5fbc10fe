package dev.panthera.deploy.spi;

/** A workload as its provider sees it; {@code endpointUrl} once known, {@code message} why it failed. */
public record ProviderStatus(Phase phase, String endpointUrl, String message) {

    public enum Phase {
        /** Accepted, not yet running (image pulling, lease pending, pod not ready). */
        STARTING,
        READY,
        FAILED,
        /** The provider has no such workload (deleted outside Panthera, or never created). */
        GONE
    }
}
