package dev.panthera.deploy.internal;

import dev.panthera.deploy.spi.DeploymentProvider;
import dev.panthera.shared.PantheraException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The configured providers (every {@link DeploymentProvider} bean), by name. */
@Component
class Providers {

    private final Map<String, DeploymentProvider> byName = new TreeMap<>();

    Providers(List<DeploymentProvider> providers) {
        providers.forEach(p -> byName.put(p.name(), p));
    }

    /** The provider a request names; {@code VALIDATION_FAILED} listing the configured ones otherwise. */
    DeploymentProvider require(String name) {
        DeploymentProvider p = byName.get(name);
        if (p == null) {
            throw PantheraException.validation(
                    "Unknown provider '" + name + "'; configured: " + String.join(", ", byName.keySet()));
        }
        return p;
    }

    /** The provider of a stored deployment; a provider no longer configured cannot be driven. */
    DeploymentProvider of(String name) {
        DeploymentProvider p = byName.get(name);
        if (p == null) {
            throw new IllegalStateException("Provider " + name + " is not configured on this node");
        }
        return p;
    }

    /** Roughly how long a provider takes to bring an agent up (seed 000 estimated_time). */
    static Duration estimatedTime(String provider) {
        return switch (provider) {
            case "local" -> Duration.ofSeconds(2);
            case "docker" -> Duration.ofSeconds(30);
            case "kubernetes" -> Duration.ofSeconds(60);
            default -> Duration.ofSeconds(300);
        };
    }
}
