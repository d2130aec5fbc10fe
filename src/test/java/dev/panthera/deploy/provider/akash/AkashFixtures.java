package dev.panthera.deploy.provider.akash;

import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.Resources;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The spec and settings the Akash tests share. */
final class AkashFixtures {

    static final String API_KEY = "akt_test_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    static final UUID ID = UUID.fromString("7d3f2a10-9c4b-4e61-8a2f-5b6c7d8e9f01");

    private AkashFixtures() {}

    static AkashProperties props(URI api) {
        return new AkashProperties(
                true,
                api,
                API_KEY,
                new BigDecimal("5"),
                new AkashProperties.Pricing("uact", 10000),
                "ghcr.io/panthera/agent-runtime:1.4.2",
                8080,
                "nvidia",
                Duration.ofSeconds(5),
                Duration.ofMillis(300),
                Duration.ofMillis(20));
    }

    static DeploymentSpec spec(String image, Resources resources) {
        return spec(image, resources, Map.of("PANTHERA_MODEL", "deepseek-chat", "LOG_LEVEL", "info"));
    }

    static DeploymentSpec spec(String image, Resources resources, Map<String, String> env) {
        return new DeploymentSpec(
                ID,
                "panthers",
                "42",
                "0x52908400098527886E0F7030069857D2E4169EE7",
                "Nala",
                image,
                resources,
                "{\"persona\":\"scout\",\"temperature\":0.4}",
                env);
    }
}
