package dev.panthera.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Seed 004 Persona: who the agent is and how it speaks, rendered into its system prompt. Trait
 * values are strings, numbers, booleans or lists of strings; an example interaction maps a speaker
 * ({@code user}, {@code agent}) to what it said. {@code source} is {@code manual} or {@code eliza}
 * (imported from an ElizaOS character); {@code updatedAt} is null until stored.
 */
public record Persona(
        String name,
        String description,
        Map<String, Object> traits,
        Map<String, String> voice,
        List<String> knowledgeAreas,
        List<String> behavioralRules,
        List<Map<String, String>> exampleInteractions,
        String source,
        Instant updatedAt) {

    public Persona {
        description = description == null ? "" : description;
        traits = traits == null ? Map.of() : traits;
        voice = voice == null ? Map.of() : voice;
        // copies that keep null items: the owner's input is validated after it is built
        knowledgeAreas =
                knowledgeAreas == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(knowledgeAreas));
        behavioralRules =
                behavioralRules == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(behavioralRules));
        exampleInteractions = exampleInteractions == null
                ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(exampleInteractions));
    }
}
