package dev.panthera.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentDeployment;
import dev.panthera.agent.AgentDeployment.Resources;
import dev.panthera.ownership.NftId;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Owner overrides: what may change, within which limits, and how they sit on top of the metadata. */
class ConfigPatchTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final NftId NFT = new NftId("panthers", "7");
    static final AgentSettings BASE = new AgentSettings(
            "Panther #7",
            "From metadata",
            "social",
            List.of("tools.http"),
            new AgentConfig(
                    "deepseek-chat", "Be bold.", 0.7, 2048, List.of("chat", "code", "analysis"), Map.of("top_p", 0.9)),
            new AgentDeployment("ghcr.io/panthera/agent:1", new Resources("2", "4Gi", 1, "5Gi")));

    static ConfigPatch patch(String json) {
        return ConfigPatch.parse(JSON.readTree(json));
    }

    @Test
    void overridesApplyOnTopOfTheMetadata() {
        Overrides o = patch("""
                {"temperature": 0.2, "max_tokens": 512, "system_prompt": " Be brief. ", "capabilities": ["chat"],
                 "name": "Shadow", "description": "Mine now",
                 "resources": {"cpu": 0.5, "memory": "8GB", "gpu": false, "disk": 10}}
                """).applyTo(Overrides.NONE);
        AgentSettings s = o.applyTo(BASE);
        assertThat(s.config())
                .isEqualTo(
                        new AgentConfig("deepseek-chat", "Be brief.", 0.2, 512, List.of("chat"), Map.of("top_p", 0.9)));
        assertThat(s.name()).isEqualTo("Shadow");
        assertThat(s.description()).isEqualTo("Mine now");
        assertThat(s.agentType()).isEqualTo("social");
        assertThat(s.permissions()).containsExactly("tools.http");
        assertThat(s.deployment())
                .isEqualTo(new AgentDeployment("ghcr.io/panthera/agent:1", new Resources("0.5", "8Gi", 0, "10Gi")));
        assertThat(o.fields())
                .containsExactly(
                        "temperature",
                        "max_tokens",
                        "system_prompt",
                        "capabilities",
                        "name",
                        "description",
                        "resources.cpu",
                        "resources.memory",
                        "resources.gpu",
                        "resources.disk");
    }

    @Test
    void patchesAccumulateAndResetReturnsFieldsToTheMetadata() {
        Overrides first = patch("{\"temperature\": 0.2, \"resources\": {\"cpu\": \"3\", \"disk\": \"2Gi\"}}")
                .applyTo(Overrides.NONE);
        Overrides second = patch("{\"max_tokens\": 100, \"reset\": [\"temperature\", \"resources.cpu\"]}")
                .applyTo(first);
        assertThat(second.temperature()).isNull();
        assertThat(second.maxTokens()).isEqualTo(100);
        assertThat(second.cpu()).isNull();
        assertThat(second.disk()).isEqualTo("2Gi");
        Overrides third = patch("{\"reset\": [\"resources\"], \"resources\": {\"gpu\": 0}}")
                .applyTo(second);
        assertThat(third.disk()).isNull();
        assertThat(third.gpu())
                .as("a value in the same patch wins over its reset")
                .isZero();
        assertThat(third.applyTo(BASE).config().temperature()).isEqualTo(0.7);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"temperature": 1.5}                      | temperature must be a number from 0.0 to 1.0
            {"temperature": -0.01}                    | temperature must be a number from 0.0 to 1.0
            {"temperature": "hot"}                    | temperature must be a number from 0.0 to 1.0
            {"max_tokens": 0}                         | max_tokens must be a whole number from 1 to 32768
            {"max_tokens": 40000}                     | max_tokens must be a whole number from 1 to 32768
            {"system_prompt": ""}                     | system_prompt must be a non-blank string of at most 8000 characters
            {"capabilities": []}                      | capabilities must be a list of 1-32 names
            {"name": ""}                              | name must be a non-blank string of at most 100 characters
            {"description": 5}                        | description must be a non-blank string of at most 2000 characters
            {"resources": {"cpu": "0.4"}}             | resources.cpu must be between 0.5 and 4 cores
            {"resources": {"cpu": 4.5}}               | resources.cpu must be between 0.5 and 4 cores
            {"resources": {"memory": "0.5Gi"}}        | resources.memory must be between 1 and 8 GB
            {"resources": {"memory": "9G"}}           | resources.memory must be between 1 and 8 GB
            {"resources": {"gpu": 2}}                 | resources.gpu must be between 0 and 1 units
            {"resources": {"disk": "0.5GB"}}          | resources.disk must be between 1 and 10 GB
            {"resources": {"disk": 11}}               | resources.disk must be between 1 and 10 GB
            {"resources": "big"}                      | resources must be an object
            {"model": "gpt-5"}                        | model cannot be changed by the owner
            {"image": "evil:latest"}                  | image cannot be changed by the owner
            {"reset": ["model"]}                      | reset must be a list of field names among
            {}                                        | Send a JSON object with the settings to change
            []                                        | Send a JSON object with the settings to change
            """)
    void outsideTheLimitsIs400NamingFieldAndLimit(String body, String message) {
        assertThatThrownBy(() -> patch(body))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED))
                .hasMessageContaining(message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> patch("{\"temperature\": 2, \"resources\": {\"cpu\": 9, \"memory\": \"99Gi\"}}"))
                .hasMessage(
                        "temperature must be a number from 0.0 to 1.0; resources.cpu must be between 0.5 and 4 cores"
                                + " (e.g. \"2\" or 0.5); resources.memory must be between 1 and 8 GB (e.g. \"8Gi\")");
    }

    @Test
    void capabilityOverridesNarrowWithTheMetadata() {
        Overrides o = patch("{\"capabilities\": [\"chat\", \"code\"]}").applyTo(Overrides.NONE);
        assertThat(o.narrowedTo(List.of("chat", "code", "analysis"))).isSameAs(o);
        assertThat(o.narrowedTo(List.of("chat")).capabilities()).containsExactly("chat");
        assertThat(o.narrowedTo(List.of("analysis")).capabilities())
                .as("nothing left: follow the metadata")
                .isNull();
    }

    @Test
    void defaultsNameTheToken() {
        AgentSettings d = AgentSettings.defaults(NFT);
        assertThat(d.name()).isEqualTo("panthers #7");
        assertThat(d.config().model()).isEqualTo("offline");
        assertThat(d.config().temperature()).isEqualTo(0.7);
        assertThat(d.config().maxTokens()).isEqualTo(1024);
        assertThat(d.config().capabilities()).containsExactly("chat");
        assertThat(d.sameAs(AgentSettings.defaults(NFT))).isTrue();
        assertThat(d.sameAs(BASE)).isFalse();
    }

    @Test
    void settingsSurviveTheirJsonRoundTrip() {
        String json = AgentJson.write(BASE);
        assertThat(json).contains("\"system_prompt\":\"Be bold.\"", "\"max_tokens\":2048", "\"agent_type\":\"social\"");
        assertThat(AgentJson.read(json, AgentSettings.class)).isEqualTo(BASE);
        Overrides o = new Overrides(0.1, null, null, List.of("chat"), null, null, "1", null, 0, null);
        assertThat(AgentJson.write(o))
                .isEqualTo("{\"temperature\":0.1,\"capabilities\":[\"chat\"],\"cpu\":\"1\",\"gpu\":0}");
        assertThat(AgentJson.read(AgentJson.write(o), Overrides.class)).isEqualTo(o);
    }
}
