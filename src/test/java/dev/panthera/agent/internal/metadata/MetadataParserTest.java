package dev.panthera.agent.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.agent.AgentDeployment.Resources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Seed 000 EncryptedMetadata validation: every field, every limit, messages that name them. */
class MetadataParserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static AgentMetadata parse(String text) {
        return MetadataParser.parse(json(text));
    }

    static String problem(String text) {
        try {
            parse(text);
        } catch (MetadataException e) {
            assertThat(e.kind()).isEqualTo(MetadataException.Kind.INVALID);
            return e.getMessage();
        }
        throw new AssertionError("expected " + text + " to be refused");
    }

    @Test
    void readsTheSeedDocument() {
        AgentMetadata m = parse("""
                {"name": "Panther #7", "description": "A sleek one", "image": "ipfs://x", "attributes": [],
                 "agent_type": "social", "permissions": ["tools.http", "payments"],
                 "agent_config": {"model": "deepseek-chat", "system_prompt": "Be bold.", "temperature": 0.3,
                                  "max_tokens": 2048, "capabilities": ["chat", "Code", "chat"],
                                  "parameters": {"top_p": 0.9, "stop": ["\\n"]}},
                 "deployment": {"image": "ghcr.io/panthera/agent:1.2", "resources": {"cpu": "2", "memory": "4Gi", "gpu": true}}}
                """);
        assertThat(m.name()).isEqualTo("Panther #7");
        assertThat(m.description()).isEqualTo("A sleek one");
        assertThat(m.agentType()).isEqualTo("social");
        assertThat(m.permissions()).containsExactly("tools.http", "payments");
        assertThat(m.config().model()).isEqualTo("deepseek-chat");
        assertThat(m.config().systemPrompt()).isEqualTo("Be bold.");
        assertThat(m.config().temperature()).isEqualTo(0.3);
        assertThat(m.config().maxTokens()).isEqualTo(2048);
        assertThat(m.config().capabilities()).containsExactly("chat", "code");
        assertThat(m.config().parameters()).containsEntry("top_p", 0.9).containsEntry("stop", List.of("\n"));
        assertThat(m.deployment().image()).isEqualTo("ghcr.io/panthera/agent:1.2");
        assertThat(m.deployment().resources()).isEqualTo(new Resources("2", "4Gi", 1, AgentDefaults.RESOURCES.disk()));
    }

    @Test
    void absentPartsTakeTheDefaults() {
        AgentMetadata plain = parse("{\"name\": \"Just an NFT\", \"image\": \"ipfs://x\"}");
        assertThat(plain.config()).isNull();
        assertThat(plain.deployment()).isNull();
        AgentMetadata minimal = parse("{\"agent_config\": {\"model\": \"gpt-4o-mini\"}, \"deployment\": {}}");
        assertThat(minimal.config().systemPrompt()).isEqualTo(AgentDefaults.SYSTEM_PROMPT);
        assertThat(minimal.config().temperature()).isEqualTo(AgentDefaults.TEMPERATURE);
        assertThat(minimal.config().maxTokens()).isEqualTo(AgentDefaults.MAX_TOKENS);
        assertThat(minimal.config().capabilities()).isEqualTo(AgentDefaults.CAPABILITIES);
        assertThat(minimal.deployment().image()).isNull();
        assertThat(minimal.deployment().resources()).isEqualTo(AgentDefaults.RESOURCES);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"agent_config": {}}                                            | agent_config.model is required
            {"agent_config": {"model": ""}}                                 | agent_config.model must be 1-100
            {"agent_config": {"model": "a b"}}                              | agent_config.model must be 1-100
            {"agent_config": {"model": 7}}                                  | agent_config.model must be 1-100
            {"agent_config": {"model": "m", "temperature": 1.01}}           | agent_config.temperature must be a number from 0.0 to 1.0
            {"agent_config": {"model": "m", "temperature": -0.1}}           | agent_config.temperature must be a number from 0.0 to 1.0
            {"agent_config": {"model": "m", "temperature": "0.5"}}          | agent_config.temperature must be a number from 0.0 to 1.0
            {"agent_config": {"model": "m", "max_tokens": 0}}               | agent_config.max_tokens must be a whole number from 1 to 32768
            {"agent_config": {"model": "m", "max_tokens": 32769}}           | agent_config.max_tokens must be a whole number from 1 to 32768
            {"agent_config": {"model": "m", "max_tokens": 10.5}}            | agent_config.max_tokens must be a whole number from 1 to 32768
            {"agent_config": {"model": "m", "system_prompt": " "}}          | agent_config.system_prompt must be a non-blank string of at most 8000 characters
            {"agent_config": {"model": "m", "system_prompt": 1}}            | agent_config.system_prompt must be a non-blank string
            {"agent_config": {"model": "m", "capabilities": []}}            | agent_config.capabilities must be a list of 1-32 names
            {"agent_config": {"model": "m", "capabilities": "chat"}}        | agent_config.capabilities must be a list of 1-32 names
            {"agent_config": {"model": "m", "capabilities": ["a b"]}}       | agent_config.capabilities must be a list of 1-32 names
            {"agent_config": {"model": "m", "capabilities": [1]}}           | agent_config.capabilities must be a list of 1-32 names
            {"agent_config": {"model": "m", "parameters": []}}              | agent_config.parameters must be an object of at most 4096 bytes
            {"agent_config": "deepseek"}                                    | agent_config must be an object
            {"deployment": []}                                              | deployment must be an object
            {"deployment": {"image": "NOT AN IMAGE"}}                       | deployment.image must be a container image reference
            {"deployment": {"resources": "big"}}                            | deployment.resources must be an object
            {"deployment": {"resources": {"cpu": "0.25"}}}                  | deployment.resources.cpu must be between 0.5 and 4 cores
            {"deployment": {"resources": {"cpu": 8}}}                       | deployment.resources.cpu must be between 0.5 and 4 cores
            {"deployment": {"resources": {"cpu": "two"}}}                   | deployment.resources.cpu must be between 0.5 and 4 cores
            {"deployment": {"resources": {"memory": "16Gi"}}}               | deployment.resources.memory must be between 1 and 8 GB
            {"deployment": {"resources": {"memory": "512Mi"}}}              | deployment.resources.memory must be between 1 and 8 GB
            {"deployment": {"resources": {"memory": 0.5}}}                  | deployment.resources.memory must be between 1 and 8 GB
            {"deployment": {"resources": {"gpu": 2}}}                       | deployment.resources.gpu must be between 0 and 1 units
            {"deployment": {"resources": {"gpu": "yes"}}}                   | deployment.resources.gpu must be between 0 and 1 units
            {"deployment": {"resources": {"disk": "11GB"}}}                 | deployment.resources.disk must be between 1 and 10 GB
            {"deployment": {"resources": {"disk": "0Gi"}}}                  | deployment.resources.disk must be between 1 and 10 GB
            {"agent_type": "Social Media"}                                  | agent_type must be 1-32 lowercase letters
            {"permissions": ["ok", "NOT OK"]}                               | permissions must be a list of at most 32 names
            {"name": 7}                                                     | name must be a string
            """)
    void refusesEachFieldOutsideItsLimitByName(String document, String message) {
        assertThat(problem(document)).startsWith("invalid metadata: ").contains(message);
    }

    @Test
    void reportsEveryProblemAtOnceWithoutEchoingValues() {
        String message = problem("""
                {"agent_config": {"model": "m", "temperature": 7, "max_tokens": -1},
                 "deployment": {"resources": {"cpu": "secret-cpu-value", "memory": "99Gi"}}}
                """);
        assertThat(message)
                .contains(
                        "agent_config.temperature",
                        "agent_config.max_tokens",
                        "deployment.resources.cpu",
                        "deployment.resources.memory")
                .doesNotContain("secret-cpu-value", "99Gi");
    }

    @Test
    void longPromptsAreRefusedButLongDescriptionsAreCut() {
        assertThat(problem("{\"agent_config\": {\"model\": \"m\", \"system_prompt\": \"" + "x".repeat(8001) + "\"}}"))
                .contains("at most 8000 characters");
        assertThat(parse("{\"description\": \"" + "d".repeat(5000) + "\"}").description())
                .hasSize(2000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "0.5"  | 0.5
            "4"    | 4
            2      | 2
            1.25   | 1.25
            "500m" | 0.5
            "2.000"| 2
            """)
    void readsCpuInCores(String value, String canonical) {
        List<String> problems = new ArrayList<>();
        assertThat(ResourceLimits.cpu(json(value), "cpu", problems)).isEqualTo(canonical);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "1Gi"   | 1Gi
            "8Gi"   | 8Gi
            "4G"    | 4Gi
            "4GB"   | 4Gi
            "4 gb"  | 4Gi
            "1.5Gi" | 1.5Gi
            2       | 2Gi
            """)
    void readsMemoryInAnyGbForm(String value, String canonical) {
        List<String> problems = new ArrayList<>();
        assertThat(ResourceLimits.memory(json(value), "memory", problems)).isEqualTo(canonical);
        assertThat(problems).isEmpty();
    }

    @Test
    void readsGpuAndDiskAtTheirBounds() {
        List<String> problems = new ArrayList<>();
        assertThat(ResourceLimits.gpu(json("false"), "gpu", problems)).isZero();
        assertThat(ResourceLimits.gpu(json("1"), "gpu", problems)).isOne();
        assertThat(ResourceLimits.gpu(json("\"true\""), "gpu", problems)).isOne();
        assertThat(ResourceLimits.disk(json("\"1Gi\""), "disk", problems)).isEqualTo("1Gi");
        assertThat(ResourceLimits.disk(json("\"10GB\""), "disk", problems)).isEqualTo("10Gi");
        assertThat(problems).isEmpty();
        Resources r = new Resources("0.5", "1.5Gi", 0, "10Gi");
        assertThat(r.cpuCores()).isEqualByComparingTo("0.5");
        assertThat(r.memoryGib()).isEqualByComparingTo("1.5");
        assertThat(r.diskGib()).isEqualByComparingTo("10");
    }

    @Test
    void problemsForToolsIncludeJsonErrorsByPositionOnly() {
        assertThat(MetadataParser.problems("{\"agent_config\": {\"model\": \"m\"}}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(MetadataParser.problems("{\"name\": secret-word}".getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .asString()
                .startsWith("metadata is not valid JSON (line 1, column")
                .doesNotContain("secret");
        assertThat(MetadataParser.problems("[1]".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("metadata must be a JSON object");
        assertThat(MetadataParser.problems("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .asString()
                .contains("not valid JSON");
        assertThat(MetadataParser.problems(("[".repeat(100) + "]".repeat(100)).getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .asString()
                .contains("nested too deeply");
        assertThat(MetadataParser.problems("{} {}".getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .asString()
                .contains("not valid JSON");
    }

    @Test
    void parametersAreKeptAsGiven() {
        AgentMetadata m =
                parse("{\"agent_config\": {\"model\": \"m\", \"parameters\": {\"b\": 1, \"a\": {\"x\": true}}}}");
        assertThat(m.config().parameters()).isEqualTo(Map.of("b", 1, "a", Map.of("x", true)));
    }
}
