package dev.panthera.deploy.spi;

import java.util.Map;

/**
 * A workload as its provider sees it; {@code endpointUrl} once known, {@code message} why it failed,
 * {@code details} to merge into the deployment's stored provider details (e.g. an attestation report
 * read once the workload is ready) — never secrets.
 */
public record ProviderStatus(Phase phase, String endpointUrl, String message, Map<String, String> details) {

    public ProviderStatus {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ProviderStatus(Phase phase, String endpointUrl, String message) {
        this(phase, endpointUrl, message, Map.of());
    }

    public enum Phase {
        /** Accepted, not yet running (image pulling, lease pending, pod not ready). */
        STARTING,
        READY,
        FAILED,
        /** The provider has no such workload (deleted outside Panthera, or never created). */
        GONE
    }
}
