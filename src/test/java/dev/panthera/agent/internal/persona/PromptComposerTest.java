package dev.panthera.agent.internal.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.Persona;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The one function that renders config + persona into the system prompt. */
class PromptComposerTest {

    static final AgentConfig CONFIG =
            new AgentConfig("m", "You are a trading agent.", 0.5, 512, List.of("chat", "analysis"), Map.of());

    static Persona persona() {
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("personality", List.of("patient", "encouraging"));
        traits.put("communication", "simple_language");
        traits.put("energy", 7);
        return new Persona(
                "Patient Teacher",
                "Supportive and educational",
                traits,
                Map.of("tone", "warm", "formality", "casual"),
                List.of("mathematics", "physics"),
                List.of("Use examples", "Check understanding"),
                List.of(Map.of("user", "What is 2+2?", "agent", "Four! Want to see why?")),
                "manual",
                null);
    }

    @Test
    void rendersEverySectionInTheFixedOrder() {
        assertThat(PromptComposer.compose(CONFIG, persona())).isEqualTo("""
                You are a trading agent.

                ## Capabilities
                chat, analysis

                ## Persona: Patient Teacher
                You are Patient Teacher.
                Supportive and educational

                ## Traits
                - communication: simple_language
                - energy: 7
                - personality: patient, encouraging

                ## Voice
                - formality: casual
                - tone: warm

                ## Knowledge areas
                - mathematics
                - physics

                ## Rules
                1. Use examples
                2. Check understanding

                ## Example interactions
                ### Example 1
                User: What is 2+2?
                Patient Teacher: Four! Want to see why?""");
    }

    @Test
    void withoutAPersonaOnlyTheConfigRemains() {
        assertThat(PromptComposer.compose(CONFIG, null))
                .isEqualTo("You are a trading agent.\n\n## Capabilities\nchat, analysis");
    }

    @Test
    void emptyPartsAreLeftOutAndBlankTextsIgnored() {
        Persona sparse = new Persona(
                "Min",
                "  ",
                Map.of("empty", List.of(), "blank", " "),
                Map.of(),
                List.of(" "),
                List.of(),
                List.of(Map.of("user", " ")),
                "manual",
                null);
        assertThat(PromptComposer.compose(CONFIG, sparse))
                .isEqualTo(
                        "You are a trading agent.\n\n## Capabilities\nchat, analysis\n\n## Persona: Min\nYou are Min.");
    }

    @Test
    void theSameInputInAnyMapOrderGivesTheSameText() {
        Persona p = persona();
        Persona reordered = new Persona(
                p.name(),
                p.description(),
                new TreeMap<>(p.traits()).descendingMap(),
                new TreeMap<>(p.voice()).descendingMap(),
                p.knowledgeAreas(),
                p.behavioralRules(),
                p.exampleInteractions(),
                p.source(),
                p.updatedAt());
        assertThat(PromptComposer.compose(CONFIG, reordered)).isEqualTo(PromptComposer.compose(CONFIG, p));
    }

    @Test
    void longTraitItemsBecomeSubBulletsAndLineEndingsAreNormalised() {
        Persona p = new Persona(
                "N",
                "line one\r\nline two",
                Map.of("lore", List.of("A rather long piece of lore that goes on and on", "b")),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                "eliza",
                null);
        assertThat(PromptComposer.compose(CONFIG, p))
                .contains("You are N.\nline one\nline two")
                .contains("## Traits\n- lore:\n  - A rather long piece of lore that goes on and on\n  - b");
    }

    @Test
    void otherSpeakersFollowUserAndAgentSorted() {
        Persona p = new Persona(
                "N",
                "",
                Map.of(),
                Map.of(),
                List.of(),
                List.of(),
                List.of(Map.of("zed", "z", "agent", "a", "user", "u", "bob", "b")),
                "manual",
                null);
        assertThat(PromptComposer.compose(CONFIG, p)).endsWith("### Example 1\nUser: u\nN: a\nBob: b\nZed: z");
    }

    @Test
    void overTheCapExamplesAreDroppedFromTheLastOneFirst() {
        List<Map<String, String>> examples = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            examples.add(Map.of("user", "question " + i, "agent", ("answer " + i + " ").repeat(300)));
        }
        Persona p = new Persona("N", "", Map.of(), Map.of(), List.of(), List.of(), examples, "manual", null);
        String prompt = PromptComposer.compose(CONFIG, p);
        assertThat(prompt.length()).isLessThanOrEqualTo(PromptComposer.MAX_CHARS);
        assertThat(prompt)
                .contains("### Example 1\n", "### Example 5\n")
                .doesNotContain("### Example 10", "[truncated]");
        int kept = prompt.split("### Example ").length - 1;
        assertThat(prompt).doesNotContain("### Example " + (kept + 1) + "\n");
        // one more example would not have fitted
        String withOneMore = prompt + "\n\n### Example " + (kept + 1) + "\nUser: question " + (kept + 1) + "\nN: "
                + ("answer " + (kept + 1) + " ").repeat(300).strip();
        assertThat(withOneMore.length()).isGreaterThan(PromptComposer.MAX_CHARS);
    }

    @Test
    void whenTheRestIsStillTooLongItIsCutAtALineBreakAndMarked() {
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rules.add("rule " + i + " " + "x".repeat(400));
        }
        Persona p = new Persona(
                "N",
                "",
                Map.of(),
                Map.of(),
                List.of(),
                rules,
                List.of(Map.of("user", "q", "agent", "a")),
                "manual",
                null);
        String prompt = PromptComposer.compose(CONFIG, p);
        assertThat(prompt.length()).isLessThanOrEqualTo(PromptComposer.MAX_CHARS);
        assertThat(prompt)
                .startsWith("You are a trading agent.")
                .endsWith("\n[truncated]")
                .doesNotContain("## Example");
        String beforeMarker = prompt.substring(0, prompt.length() - PromptComposer.TRUNCATED.length());
        assertThat(beforeMarker).endsWith("x".repeat(400)).matches("(?s).*\\n\\d+\\. rule \\d+ x+");
    }
}
