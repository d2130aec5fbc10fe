package dev.panthera.agent.internal.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.Persona;
import dev.panthera.shared.PantheraException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** ElizaOS character → persona, and the persona limits. */
class ElizaCharactersTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode sample() throws IOException {
        try (InputStream in = ElizaCharactersTest.class.getResourceAsStream("/agent/eliza-character.json")) {
            return JSON.readTree(in);
        }
    }

    @Test
    void importsARealisticCharacter() throws IOException {
        List<String> warnings = new ArrayList<>();
        Persona p = ElizaCharacters.toPersona(sample(), warnings);
        assertThat(p.name()).isEqualTo("Nova");
        assertThat(p.description())
                .startsWith("Nova spent six years auditing smart contracts")
                .contains(" She reads protocol docs");
        assertThat(p.behavioralRules())
                .containsExactly(
                        "Roleplay as Nova, a careful DeFi research analyst. Never give financial advice; explain risks plainly.",
                        "speak plainly and avoid hype",
                        "name the risks before the rewards",
                        "never use rocket emojis",
                        "answer the question first, then add context",
                        "ask what the user already knows when a question is vague");
        assertThat(p.traits()).containsOnlyKeys("adjectives", "lore", "facts");
        assertThat(p.traits().get("adjectives"))
                .isEqualTo(List.of("analytical", "cautious", "dry-witted", "patient", "precise"));
        assertThat((List<?>) p.traits().get("facts")).hasSize(2);
        assertThat(p.knowledgeAreas())
                .contains("decentralized finance", "stablecoins")
                .hasSize(5);
        assertThat(p.exampleInteractions())
                .containsExactly(
                        Map.of(
                                "user",
                                "Is this 400% APY farm safe?",
                                "agent",
                                "Four hundred percent is a price tag on risk. Who pays it, and in which token? Let's read the emissions schedule first."),
                        Map.of(
                                "user",
                                "gm nova",
                                "agent",
                                "gm. Markets are calm, which is usually when I re-read the liquidation docs."),
                        Map.of(
                                "user",
                                "what would you check first on a new lending protocol?",
                                "agent",
                                "Oracle design, then liquidation incentives, then who can upgrade the contracts."),
                        Map.of(
                                "user",
                                "Explain impermanent loss like I'm five.",
                                "agent",
                                "You bring two toys to share. When one gets popular, the pool gives you fewer of it back."));
        assertThat(p.source()).isEqualTo("eliza");
        assertThat(p.voice()).isEmpty();
        assertThat(warnings)
                .containsExactly(
                        "knowledge: skipped 2 file or directory entries (import documents into knowledge instead)");
        assertThat(PersonaLimits.problems(p)).isEmpty();

        String prompt =
                PromptComposer.compose(new AgentConfig("m", "Base prompt.", 0.7, 1024, List.of("chat"), Map.of()), p);
        assertThat(prompt)
                .startsWith("Base prompt.\n\n## Capabilities\nchat\n\n## Persona: Nova\nYou are Nova.\nNova spent")
                .contains("- adjectives: analytical, cautious, dry-witted, patient, precise")
                .contains("## Rules\n1. Roleplay as Nova")
                .contains("### Example 4\nUser: Explain impermanent loss like I'm five.\nNova: You bring two toys");
    }

    @Test
    void aBioStringAndMissingOptionalFieldsAreFine() {
        Persona p = ElizaCharacters.toPersona(
                JSON.readTree("{\"name\": \"Ada\", \"bio\": \"Counts things.\", \"extra\": 1}"), new ArrayList<>());
        assertThat(p.description()).isEqualTo("Counts things.");
        assertThat(p.traits()).isEmpty();
        assertThat(p.behavioralRules()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            []                                                        | must be a JSON object
            {"bio": "x"}                                              | name is required
            {"name": " "}                                             | name is required
            {"name": "A", "bio": 5}                                   | bio must be a string or a list of strings
            {"name": "A", "bio": ["ok", 5]}                           | bio must be a list of strings
            {"name": "A", "system": ["x"]}                            | system must be a string
            {"name": "A", "adjectives": "witty"}                      | adjectives must be a list of strings
            {"name": "A", "topics": [{"t": 1}]}                       | topics must be a list of strings
            {"name": "A", "style": "terse"}                           | style must be an object
            {"name": "A", "style": {"all": "terse"}}                  | style.all must be a list of strings
            {"name": "A", "knowledge": "facts"}                       | knowledge must be a list
            {"name": "A", "messageExamples": {"a": 1}}                | messageExamples must be a list of conversations
            {"name": "A", "messageExamples": [[{"user": "u"}]]}       | messageExamples must be a list of conversations
            {"name": "A", "messageExamples": [["hi"]]}                | messageExamples must be a list of conversations
            """)
    void aBadShapeIsA400NamingTheField(String character, String message) {
        assertThatThrownBy(() -> ElizaCharacters.toPersona(JSON.readTree(character), new ArrayList<>()))
                .isInstanceOf(PantheraException.class)
                .hasMessageContaining(message);
    }

    @Test
    void oversizedCharactersAreCutToTheLimitsWithWarnings() throws IOException {
        ObjectNode big = (ObjectNode) sample();
        var lore = big.putArray("lore");
        for (int i = 0; i < 57; i++) {
            lore.add("lore entry " + i);
        }
        big.put("bio", "b".repeat(5000));
        List<String> warnings = new ArrayList<>();
        Persona p = PersonaLimits.fit(ElizaCharacters.toPersona(big, warnings), warnings);
        assertThat((List<?>) p.traits().get("lore")).hasSize(PersonaLimits.TRAIT_ITEMS);
        assertThat(p.description()).hasSize(PersonaLimits.DESCRIPTION).endsWith("…");
        assertThat(warnings)
                .contains(
                        "traits.lore: kept the first 30 of 57 entries",
                        "description: shortened a text to 4000 characters");
        assertThat(PersonaLimits.problems(p)).isEmpty();
    }

    @Test
    void ownerWrittenPersonasOverALimitAreRefusedByField() {
        Persona p = new Persona(
                "",
                "d".repeat(4001),
                Map.of("nested", Map.of("a", 1), "x".repeat(41), "v"),
                Map.of("tone", "w".repeat(201)),
                List.of("ok", " "),
                java.util.Collections.nCopies(31, "rule"),
                List.of(Map.of()),
                "manual",
                null);
        assertThat(PersonaLimits.problems(p))
                .containsExactlyInAnyOrder(
                        "name must be a non-blank string of at most 100 characters",
                        "description must be at most 4000 characters",
                        "traits.nested must be a string (at most 500 characters), number, boolean or a list of at most 30 strings",
                        "traits keys must be 1-40 characters",
                        "voice.tone must be a string of at most 200 characters",
                        "knowledge_areas must be a list of at most 30 non-blank strings of at most 200 characters",
                        "behavioral_rules must be a list of at most 30 non-blank strings of at most 500 characters",
                        "each example interaction must map 1-4 speakers (e.g. user, agent) to texts of at most 1000 characters");
    }
}
