package dev.panthera.agent.internal.persona;

import dev.panthera.agent.Persona;
import dev.panthera.shared.PantheraException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An ElizaOS character file as a persona:
 *
 * <ul>
 *   <li>{@code name} → name; {@code bio} (string or list) → description, joined by spaces;
 *   <li>{@code system}, then {@code style.all} and {@code style.chat} → behavioral_rules
 *       ({@code style.post} is for social posts and is left out);
 *   <li>{@code adjectives} → traits.adjectives, {@code lore} → traits.lore, the string entries of
 *       {@code knowledge} → traits.facts (file/directory entries are skipped);
 *   <li>{@code topics} → knowledge_areas;
 *   <li>{@code messageExamples} → example_interactions: each message of the character (its
 *       {@code user}/{@code name} is the character's name or {@code {{agentName}}}) paired with the
 *       message before it as {@code {"user": ..., "agent": ...}}.
 * </ul>
 *
 * Unknown fields (plugins, clients, settings, postExamples ...) are ignored; a known field of the
 * wrong shape is a 400 naming it.
 */
final class ElizaCharacters {

    private ElizaCharacters() {}

    static Persona toPersona(JsonNode character, List<String> warnings) {
        if (character == null || !character.isObject()) {
            throw PantheraException.validation("An ElizaOS character must be a JSON object");
        }
        JsonNode nameNode = character.path("name");
        if (!nameNode.isString() || nameNode.asString().isBlank()) {
            throw PantheraException.validation("name is required: a non-blank string");
        }
        String name = nameNode.asString().strip();
        JsonNode bio = character.path("bio");
        if (!bio.isMissingNode() && !bio.isNull() && !bio.isString() && !bio.isArray()) {
            throw PantheraException.validation("bio must be a string or a list of strings");
        }
        String description =
                bio.isString() ? bio.asString().strip() : String.join(" ", strings(character, "bio", "bio"));
        List<String> rules = new ArrayList<>();
        JsonNode system = character.path("system");
        if (!system.isMissingNode() && !system.isNull()) {
            if (!system.isString()) {
                throw PantheraException.validation("system must be a string");
            }
            rules.add(system.asString().strip());
        }
        JsonNode style = character.path("style");
        if (!style.isMissingNode() && !style.isObject()) {
            throw PantheraException.validation("style must be an object with all, chat and post lists");
        }
        rules.addAll(strings(style, "all", "style.all"));
        rules.addAll(strings(style, "chat", "style.chat"));
        Map<String, Object> traits = new LinkedHashMap<>();
        put(traits, "adjectives", strings(character, "adjectives", "adjectives"));
        put(traits, "lore", strings(character, "lore", "lore"));
        put(traits, "facts", knowledge(character.path("knowledge"), warnings));
        return new Persona(
                name,
                description,
                traits,
                Map.of(),
                strings(character, "topics", "topics"),
                rules.stream().filter(r -> !r.isBlank()).toList(),
                examples(character.path("messageExamples"), name),
                "eliza",
                null);
    }

    private static List<Map<String, String>> examples(JsonNode node, String name) {
        List<Map<String, String>> examples = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return examples;
        }
        String shape = "messageExamples must be a list of conversations, each a list of {user, content: {text}}";
        if (!node.isArray()) {
            throw PantheraException.validation(shape);
        }
        for (JsonNode conversation : node) {
            if (!conversation.isArray()) {
                throw PantheraException.validation(shape);
            }
            String previous = null;
            for (JsonNode message : conversation) {
                JsonNode speaker = message.has("user") ? message.get("user") : message.path("name");
                JsonNode text = message.path("content").path("text");
                if (!message.isObject() || !speaker.isString() || !text.isString()) {
                    throw PantheraException.validation(shape);
                }
                if (isCharacter(speaker.asString(), name)) {
                    if (previous != null && !text.asString().isBlank()) {
                        Map<String, String> example = new LinkedHashMap<>();
                        example.put("user", previous);
                        example.put("agent", text.asString().strip());
                        examples.add(example);
                    }
                    previous = null;
                } else {
                    previous = text.asString().strip();
                }
            }
        }
        return examples;
    }

    private static boolean isCharacter(String speaker, String name) {
        String s = speaker.strip().toLowerCase(Locale.ROOT);
        return s.equals(name.toLowerCase(Locale.ROOT)) || s.equals("{{agentname}}") || s.equals("{{char}}");
    }

    private static List<String> knowledge(JsonNode node, List<String> warnings) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw PantheraException.validation("knowledge must be a list");
        }
        List<String> facts = new ArrayList<>();
        int skipped = 0;
        for (JsonNode item : node) {
            if (item.isString()) {
                facts.add(item.asString().strip());
            } else {
                skipped++;
            }
        }
        if (skipped > 0) {
            warnings.add("knowledge: skipped " + skipped
                    + " file or directory entries (import documents into knowledge instead)");
        }
        return facts;
    }

    /** A list of strings, or empty when absent; anything else is a 400 naming the field. */
    private static List<String> strings(JsonNode parent, String field, String label) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        boolean valid = node.isArray();
        for (JsonNode item : valid ? node : List.<JsonNode>of()) {
            valid &= item.isString();
            items.add(item.asString("").strip());
        }
        if (!valid) {
            throw PantheraException.validation(label + " must be a list of strings");
        }
        return items.stream().filter(s -> !s.isBlank()).toList();
    }

    private static void put(Map<String, Object> traits, String key, List<String> values) {
        if (!values.isEmpty()) {
            traits.put(key, values);
        }
    }
}
