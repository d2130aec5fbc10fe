package dev.panthera.deploy.provider.secretvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.deploy.provider.replay.ReplayServer;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.Resources;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class SecretVmComposeTest {

    private final SecretVmProperties props = SecretVmFixtures.props(URI.create("http://127.0.0.1:1"));

    @Test
    void rendersTheGoldenComposeForAGpuAgent() {
        String compose = SecretVmCompose.render(SecretVmFixtures.spec(new Resources(1.5, 2, 1, 5)), props);

        assertThat(compose).isEqualTo(ReplayServer.fixture("deploy/secretvm/expected-compose.yaml"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComposeParsesBackToImageEnvPortAndLimits() {
        String compose = SecretVmCompose.render(
                SecretVmFixtures.spec(
                        "registry.example.com:5000/agents/nala@sha256:" + "a".repeat(64),
                        new Resources(2, 4, 0, 5),
                        Map.of()),
                props);
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(compose);
        Map<String, Object> agent = (Map<String, Object>) ((Map<String, Object>) doc.get("services")).get("agent");

        assertThat(agent.get("image")).isEqualTo("registry.example.com:5000/agents/nala@sha256:" + "a".repeat(64));
        assertThat((Map<String, Object>) agent.get("environment"))
                .containsEntry("PANTHERA_AGENT_CONFIG", "{\"persona\":\"scout\"}");
        assertThat((List<String>) agent.get("ports")).containsExactly("8080:8080");
        Map<String, Object> resources =
                (Map<String, Object>) ((Map<String, Object>) agent.get("deploy")).get("resources");
        assertThat((Map<String, Object>) resources.get("limits"))
                .containsEntry("cpus", "2.00")
                .containsEntry("memory", "4096M");
        assertThat(resources).doesNotContainKey("reservations");
        assertThat(compose).doesNotContain(SecretVmFixtures.API_KEY);
    }

    @Test
    void refusesABadImageResourcesOutOfRangeAndSecretLookingEnv() {
        assertThatThrownBy(() -> SecretVmCompose.render(
                        SecretVmFixtures.spec("UPPER/Case:tag", Resources.DEFAULT, Map.of()), props))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("not a valid image reference")
                .matches(e -> !((ProviderException) e).retryable());
        assertThatThrownBy(() -> SecretVmCompose.render(SecretVmFixtures.spec(new Resources(0.1, 1, 0, 1)), props))
                .hasMessageContaining("cpu 0.1 outside 0.5-4");
        assertThatThrownBy(() -> SecretVmCompose.render(SecretVmFixtures.spec(new Resources(1, 1, 0, 50)), props))
                .hasMessageContaining("disk 50.0 GB outside 1-10");
        assertThatThrownBy(() -> SecretVmCompose.render(
                        SecretVmFixtures.spec(null, Resources.DEFAULT, Map.of("WALLET_MNEMONIC", "abandon abandon")),
                        props))
                .hasMessageContaining("env WALLET_MNEMONIC is not allowed")
                .hasMessageNotContaining("abandon");
    }
}
