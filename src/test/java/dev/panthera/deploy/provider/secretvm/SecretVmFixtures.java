package dev.panthera.deploy.provider.secretvm;

import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.Resources;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The spec and settings the SecretVM tests share. */
final class SecretVmFixtures {

    static final String API_KEY = "svm_test_0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String VM_ID = "cmb7q2x0k0001vm9s8f3d2a1e";
    static final String DOMAIN = "amber-lynx.vm.scrtlabs.com";

    private SecretVmFixtures() {}

    static SecretVmProperties props(URI api) {
        return new SecretVmProperties(
                true,
                api,
                API_KEY,
                "small",
                "tdx",
                "ghcr.io/panthera/agent-runtime:1.4.2",
                8080,
                api + "/attest/{host}/cpu",
                Duration.ofSeconds(5));
    }

    static DeploymentSpec spec(String image, Resources resources, Map<String, String> env) {
        return new DeploymentSpec(
                UUID.fromString("7d3f2a10-9c4b-4e61-8a2f-5b6c7d8e9f01"),
                "panthers",
                "42",
                "0x52908400098527886E0F7030069857D2E4169EE7",
                "Nala",
                image,
                resources,
                "{\"persona\":\"scout\"}",
                env);
    }

    static DeploymentSpec spec(Resources resources) {
        return spec(null, resources, Map.of("PANTHERA_MODEL", "deepseek-chat"));
    }
}
