package dev.panthera.deploy.provider.kubernetes;

import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.Resources;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Specs and settings shared by the kubernetes provider tests. */
final class KubernetesFixtures {

    static final String NAMESPACE = "panthera-agents";
    static final String CONFIG = "{\"name\":\"Leo\",\"system_prompt\":\"be brief\"}";

    private KubernetesFixtures() {}

    static KubernetesProperties properties(KubernetesProperties.Ingress ingress) {
        return new KubernetesProperties(
                true,
                null,
                NAMESPACE,
                Map.of("team", "agents"),
                "ghcr.io/panthera/agent:default",
                8080,
                "ClusterIP",
                ingress,
                Duration.ofSeconds(10));
    }

    static KubernetesProperties properties() {
        return properties(new KubernetesProperties.Ingress(false, "{slug}.agents.example.com", null, false, null));
    }

    static DeploymentSpec spec(String image, Resources resources) {
        return new DeploymentSpec(
                UUID.randomUUID(),
                "dev/collection",
                "42",
                "0xowner",
                "Leo",
                image,
                resources,
                CONFIG,
                Map.of("LOG_LEVEL", "info"));
    }

    static DeploymentSpec spec() {
        return spec("ghcr.io/acme/leo:1.2", new Resources(1.5, 2, 0, 4));
    }
}
