package dev.panthera.agent.internal.persona;

import dev.panthera.agent.Persona;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How big a persona may be, so that it fits in a system prompt next to the agent's own
 * instructions. {@link #problems} refuses a persona over a limit (the owner wrote it and can fix
 * it); {@link #fit} cuts an imported one down to size and says what it cut (character files are
 * often far larger than a prompt should be).
 */
final class PersonaLimits {

    static final int NAME = 100;
    static final int DESCRIPTION = 4000;
    static final int TRAITS = 20;
    static final int KEY = 40;
    static final int TRAIT_TEXT = 500;
    static final int TRAIT_ITEMS = 30;
    static final int VOICE = 10;
    static final int VOICE_TEXT = 200;
    static final int KNOWLEDGE_AREAS = 30;
    static final int AREA_TEXT = 200;
    static final int RULES = 30;
    static final int RULE_TEXT = 500;
    static final int EXAMPLES = 10;
    static final int EXAMPLE_ENTRIES = 4;
    static final int EXAMPLE_TEXT = 1000;

    private PersonaLimits() {}

    static List<String> problems(Persona p) {
        List<String> problems = new ArrayList<>();
        if (p.name() == null || p.name().isBlank() || p.name().length() > NAME) {
            problems.add("name must be a non-blank string of at most " + NAME + " characters");
        }
        check(
                problems,
                p.description().length() <= DESCRIPTION,
                "description must be at most " + DESCRIPTION + " characters");
        check(problems, p.traits().size() <= TRAITS, "traits may have at most " + TRAITS + " entries");
        p.traits().forEach((key, value) -> {
            check(problems, validKey(key), "traits keys must be 1-" + KEY + " characters");
            check(
                    problems,
                    validTrait(value),
                    "traits." + key + " must be a string (at most " + TRAIT_TEXT
                            + " characters), number, boolean or a list of at most " + TRAIT_ITEMS + " strings");
        });
        check(problems, p.voice().size() <= VOICE, "voice may have at most " + VOICE + " entries");
        p.voice()
                .forEach((key, value) -> check(
                        problems,
                        validKey(key) && value != null && value.length() <= VOICE_TEXT,
                        "voice." + key + " must be a string of at most " + VOICE_TEXT + " characters"));
        checkList(problems, p.knowledgeAreas(), "knowledge_areas", KNOWLEDGE_AREAS, AREA_TEXT);
        checkList(problems, p.behavioralRules(), "behavioral_rules", RULES, RULE_TEXT);
        check(
                problems,
                p.exampleInteractions().size() <= EXAMPLES,
                "example_interactions may have at most " + EXAMPLES + " entries");
        for (Map<String, String> example : p.exampleInteractions()) {
            boolean valid = example != null
                    && !example.isEmpty()
                    && example.size() <= EXAMPLE_ENTRIES
                    && example.entrySet().stream()
                            .allMatch(e -> validKey(e.getKey())
                                    && e.getValue() != null
                                    && e.getValue().length() <= EXAMPLE_TEXT);
            check(
                    problems,
                    valid,
                    "each example interaction must map 1-" + EXAMPLE_ENTRIES
                            + " speakers (e.g. user, agent) to texts of at most " + EXAMPLE_TEXT + " characters");
        }
        return problems.stream().distinct().toList();
    }

    /** The persona cut to the limits: first items kept, long texts shortened; each cut noted. */
    static Persona fit(Persona p, List<String> warnings) {
        Map<String, Object> traits = new LinkedHashMap<>();
        p.traits().entrySet().stream()
                .limit(TRAITS)
                .forEach(e -> traits.put(e.getKey(), fitTrait(e.getKey(), e.getValue(), warnings)));
        List<Map<String, String>> examples = new ArrayList<>();
        for (Map<String, String> example :
                p.exampleInteractions().stream().limit(EXAMPLES).toList()) {
            Map<String, String> kept = new LinkedHashMap<>();
            example.forEach((k, v) -> kept.put(k, cut(v, EXAMPLE_TEXT, "example_interactions", warnings)));
            examples.add(kept);
        }
        note(warnings, p.exampleInteractions().size(), EXAMPLES, "example_interactions");
        note(warnings, p.traits().size(), TRAITS, "traits");
        return new Persona(
                cut(p.name(), NAME, "name", warnings),
                cut(p.description(), DESCRIPTION, "description", warnings),
                traits,
                p.voice(),
                cutList(p.knowledgeAreas(), "knowledge_areas", KNOWLEDGE_AREAS, AREA_TEXT, warnings),
                cutList(p.behavioralRules(), "behavioral_rules", RULES, RULE_TEXT, warnings),
                examples,
                p.source(),
                p.updatedAt());
    }

    private static Object fitTrait(String key, Object value, List<String> warnings) {
        if (value instanceof List<?> list) {
            List<String> items = list.stream().map(String::valueOf).toList();
            return cutList(items, "traits." + key, TRAIT_ITEMS, TRAIT_TEXT, warnings);
        }
        return value instanceof String s ? cut(s, TRAIT_TEXT, "traits." + key, warnings) : value;
    }

    private static boolean validKey(String key) {
        return key != null && !key.isBlank() && key.length() <= KEY;
    }

    private static boolean validTrait(Object value) {
        if (value instanceof String s) {
            return s.length() <= TRAIT_TEXT;
        }
        if (value instanceof List<?> list) {
            return list.size() <= TRAIT_ITEMS
                    && list.stream().allMatch(i -> i instanceof String s && s.length() <= TRAIT_TEXT);
        }
        return value instanceof Number || value instanceof Boolean;
    }

    private static void checkList(List<String> problems, List<String> items, String field, int max, int chars) {
        check(
                problems,
                items.size() <= max && items.stream().allMatch(i -> i != null && !i.isBlank() && i.length() <= chars),
                field + " must be a list of at most " + max + " non-blank strings of at most " + chars + " characters");
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static List<String> cutList(List<String> items, String field, int max, int chars, List<String> warnings) {
        note(warnings, items.size(), max, field);
        return items.stream()
                .limit(max)
                .map(i -> cut(i, chars, field, warnings))
                .toList();
    }

    private static String cut(String text, int max, String field, List<String> warnings) {
        if (text == null || text.length() <= max) {
            return text;
        }
        warnings.add(field + ": shortened a text to " + max + " characters");
        return text.substring(0, max - 1).strip() + "…";
    }

    private static void note(List<String> warnings, int size, int max, String field) {
        if (size > max) {
            warnings.add(field + ": kept the first " + max + " of " + size + " entries");
        }
    }
}
