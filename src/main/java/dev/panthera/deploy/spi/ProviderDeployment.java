package dev.panthera.deploy.spi;

import java.util.Map;

/**
 * What a provider assigned: its own id for the workload (seed 000 deployment_id), where the agent
 * answers (may be null until ready), and provider details kept with the deployment (e.g. namespace,
 * lease id, attestation report) — never secrets.
 */
public record ProviderDeployment(String providerId, String endpointUrl, Map<String, String> details) {

    public ProviderDeployment {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
