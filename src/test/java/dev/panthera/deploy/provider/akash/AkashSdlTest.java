package dev.panthera.deploy.provider.akash;

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

class AkashSdlTest {

    private final AkashProperties props = AkashFixtures.props(URI.create("http://127.0.0.1:1"));

    @Test
    void rendersTheGoldenSdlForAGpuAgent() {
        String sdl = AkashSdl.render(
                AkashFixtures.spec("ghcr.io/panthera/agent-runtime:1.4.2", new Resources(1.5, 2, 1, 5)), props);

        assertThat(sdl).isEqualTo(ReplayServer.fixture("deploy/akash/expected-sdl.yaml"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSdlParsesBackToTheSpecsImageResourcesPortAndPrice() {
        String sdl = AkashSdl.render(
                AkashFixtures.spec("ghcr.io/panthera/agent-runtime:1.4.2", new Resources(1.5, 2, 1, 5)), props);
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(sdl);

        assertThat(doc.get("version")).isEqualTo("2.0");
        Map<String, Object> agent = (Map<String, Object>) ((Map<String, Object>) doc.get("services")).get("agent");
        assertThat(agent.get("image")).isEqualTo("ghcr.io/panthera/agent-runtime:1.4.2");
        assertThat((List<String>) agent.get("env"))
                .contains(
                        "PANTHERA_MODEL=deepseek-chat",
                        "PANTHERA_AGENT_CONFIG={\"persona\":\"scout\",\"temperature\":0.4}");
        Map<String, Object> expose = ((List<Map<String, Object>>) agent.get("expose")).getFirst();
        assertThat(expose).containsEntry("port", 8080).containsEntry("as", 80);
        assertThat((List<Map<String, Object>>) expose.get("to")).containsExactly(Map.of("global", true));

        Map<String, Object> profiles = (Map<String, Object>) doc.get("profiles");
        Map<String, Object> resources = (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) profiles.get("compute")).get("agent")).get("resources");
        assertThat(((Map<String, Object>) resources.get("cpu")).get("units")).isEqualTo(1.5);
        assertThat(((Map<String, Object>) resources.get("memory")).get("size")).isEqualTo("2048Mi");
        assertThat((List<Map<String, Object>>) resources.get("storage")).containsExactly(Map.of("size", "5120Mi"));
        Map<String, Object> gpu = (Map<String, Object>) resources.get("gpu");
        assertThat(gpu.get("units")).isEqualTo(1);
        assertThat((Map<String, Object>) ((Map<String, Object>) gpu.get("attributes")).get("vendor"))
                .containsKey("nvidia");
        Map<String, Object> price = (Map<String, Object>) ((Map<String, Object>)
                        ((Map<String, Object>) ((Map<String, Object>) profiles.get("placement")).get("akash"))
                                .get("pricing"))
                .get("agent");
        assertThat(price).containsEntry("denom", "uact").containsEntry("amount", 10000);
        assertThat(sdl).doesNotContain(AkashFixtures.API_KEY);
    }

    @Test
    void aCpuOnlyAgentAsksForNoGpuAndTheMetadataImageFallsBackToTheDefault() {
        String sdl = AkashSdl.render(AkashFixtures.spec(null, Resources.DEFAULT), props);

        assertThat(sdl).doesNotContain("gpu:").contains("image: ghcr.io/panthera/agent-runtime:1.4.2");
        assertThat(sdl).contains("units: 0.5").contains("size: 1024Mi");
    }

    @Test
    void refusesAnImageThatIsNoImageReference() {
        assertThatThrownBy(() -> AkashSdl.render(AkashFixtures.spec("Not An Image!", Resources.DEFAULT), props))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("not a valid image reference")
                .matches(e -> !((ProviderException) e).retryable());
    }

    @Test
    void refusesResourcesOutsideTheSeedLimits() {
        assertThatThrownBy(() -> AkashSdl.render(AkashFixtures.spec("nginx:1.25.3", new Resources(8, 2, 0, 1)), props))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("cpu units 8.0 outside 0.5-4");
        assertThatThrownBy(() -> AkashSdl.render(AkashFixtures.spec("nginx:1.25.3", new Resources(1, 16, 0, 1)), props))
                .hasMessageContaining("memory 16384Mi outside 1-8Gi");
        assertThatThrownBy(() -> AkashSdl.render(AkashFixtures.spec("nginx:1.25.3", new Resources(1, 2, 2, 1)), props))
                .hasMessageContaining("gpu units 2 outside 0-1");
    }

    @Test
    void refusesEnvThatLooksLikeASecretBecauseTheSdlIsPublic() {
        var spec = AkashFixtures.spec("nginx:1.25.3", Resources.DEFAULT, Map.of("OPENAI_API_KEY", "sk-live-123"));

        assertThatThrownBy(() -> AkashSdl.render(spec, props))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("env OPENAI_API_KEY is not allowed")
                .hasMessageNotContaining("sk-live-123");
    }

    @Test
    void validateRefusesAnSdlOfAnotherVersionABadDenomOrAMissingProfile() {
        String good = AkashSdl.render(AkashFixtures.spec("nginx:1.25.3", Resources.DEFAULT), props);

        assertThatThrownBy(() -> AkashSdl.validate(good.replace("version: '2.0'", "version: '1.0'")))
                .hasMessageContaining("version must be \"2.0\"");
        assertThatThrownBy(() -> AkashSdl.validate(good.replace("denom: uact", "denom: dollars")))
                .hasMessageContaining("pricing denom dollars");
        assertThatThrownBy(() -> AkashSdl.validate(good.replace("profile: agent", "profile: nobody")))
                .hasMessageContaining("compute profile nobody is missing");
        assertThatThrownBy(() -> AkashSdl.validate(good.replace("port: 8080", "port: 70000")))
                .hasMessageContaining("port 70000 is out of range");
    }
}
