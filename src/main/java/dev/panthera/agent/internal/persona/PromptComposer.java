package dev.panthera.agent.internal.persona;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.Persona;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders an agent's config and persona into its system prompt. Deterministic: the same input
 * gives the same text, whatever order maps come back from the database in. Sections, in this
 * order, each left out when empty:
 *
 * <ol>
 *   <li>the config's {@code system_prompt};
 *   <li>{@code ## Capabilities} — the config's capabilities;
 *   <li>{@code ## Persona: <name>} — "You are <name>." and the description;
 *   <li>{@code ## Traits}, {@code ## Voice} — one line per key, keys sorted;
 *   <li>{@code ## Knowledge areas} — a bullet per area; {@code ## Rules} — numbered;
 *   <li>{@code ## Example interactions} — numbered examples, user first, then the agent.
 * </ol>
 *
 * Sections are separated by a blank line; line endings become {@code \n}. The result is at most
 * {@value #MAX_CHARS} characters: when longer, example interactions are dropped from the last one
 * backwards; if it is still too long, it is cut at the last line break before the limit and ends
 * with {@value #TRUNCATED}. Earlier sections therefore always win over later ones.
 */
public final class PromptComposer {

    public static final int MAX_CHARS = 16_000;
    public static final String TRUNCATED = "\n[truncated]";
    private static final int SHORT_ITEM = 40;

    private PromptComposer() {}

    public static String compose(AgentConfig config, Persona persona) {
        List<String> sections = new ArrayList<>();
        add(sections, text(config.systemPrompt()));
        add(sections, "## Capabilities", String.join(", ", config.capabilities()));
        List<String> examples = List.of();
        if (persona != null) {
            String name = text(persona.name());
            add(sections, "## Persona: " + name, join("\n", "You are " + name + ".", text(persona.description())));
            add(sections, "## Traits", lines(persona.traits()));
            add(sections, "## Voice", lines(persona.voice()));
            add(sections, "## Knowledge areas", bullets(persona.knowledgeAreas()));
            add(sections, "## Rules", numbered(persona.behavioralRules()));
            examples = examples(persona.exampleInteractions(), name);
        }
        for (int kept = examples.size(); ; kept--) {
            List<String> all = new ArrayList<>(sections);
            add(all, "## Example interactions", String.join("\n\n", examples.subList(0, kept)));
            String prompt = String.join("\n\n", all);
            if (prompt.length() <= MAX_CHARS) {
                return prompt;
            }
            if (kept == 0) {
                return cut(prompt);
            }
        }
    }

    private static String cut(String prompt) {
        int limit = MAX_CHARS - TRUNCATED.length();
        int end = prompt.lastIndexOf('\n', limit);
        end = end > 0 ? end : limit;
        if (Character.isHighSurrogate(prompt.charAt(end - 1))) {
            end--;
        }
        return prompt.substring(0, end).stripTrailing() + TRUNCATED;
    }

    private static List<String> examples(List<Map<String, String>> interactions, String agentName) {
        List<String> examples = new ArrayList<>();
        for (Map<String, String> interaction : interactions) {
            List<String> lines = new ArrayList<>();
            speak(lines, "User", interaction.get("user"));
            speak(lines, agentName, interaction.get("agent"));
            new TreeMap<>(interaction).forEach((speaker, said) -> {
                if (!speaker.equals("user") && !speaker.equals("agent")) {
                    speak(lines, capitalized(speaker), said);
                }
            });
            if (!lines.isEmpty()) {
                examples.add("### Example " + (examples.size() + 1) + "\n" + String.join("\n", lines));
            }
        }
        return examples;
    }

    private static String lines(Map<String, ?> entries) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(entries).forEach((key, value) -> {
            if (value instanceof Collection<?> items) {
                List<String> texts = items.stream()
                        .map(i -> text(String.valueOf(i)))
                        .filter(t -> !t.isEmpty())
                        .toList();
                if (!texts.isEmpty()) {
                    boolean inline = texts.stream().allMatch(t -> t.length() <= SHORT_ITEM && !t.contains("\n"));
                    lines.add("- " + text(key) + ":"
                            + (inline ? " " + String.join(", ", texts) : "\n" + indented(texts)));
                }
            } else if (value != null && !text(String.valueOf(value)).isEmpty()) {
                lines.add("- " + text(key) + ": " + text(String.valueOf(value)));
            }
        });
        return String.join("\n", lines);
    }

    private static String indented(List<String> items) {
        return String.join(
                "\n",
                items.stream().map(i -> "  - " + i.replace("\n", "\n    ")).toList());
    }

    private static String bullets(List<String> items) {
        return String.join(
                "\n",
                items.stream()
                        .map(PromptComposer::text)
                        .filter(t -> !t.isEmpty())
                        .map(t -> "- " + t)
                        .toList());
    }

    private static String numbered(List<String> items) {
        List<String> texts = items.stream()
                .map(PromptComposer::text)
                .filter(t -> !t.isEmpty())
                .toList();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            lines.add((i + 1) + ". " + texts.get(i));
        }
        return String.join("\n", lines);
    }

    private static void speak(List<String> lines, String speaker, String said) {
        if (!text(said).isEmpty()) {
            lines.add(speaker + ": " + text(said));
        }
    }

    private static void add(List<String> sections, String heading, String body) {
        if (!body.isEmpty()) {
            sections.add(heading + "\n" + body);
        }
    }

    private static void add(List<String> sections, String body) {
        if (!body.isEmpty()) {
            sections.add(body);
        }
    }

    private static String join(String separator, String first, String second) {
        return second.isEmpty() ? first : first + separator + second;
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /** Trimmed, with \n line endings; null is empty. */
    private static String text(String s) {
        return s == null ? "" : s.replace("\r\n", "\n").replace('\r', '\n').strip();
    }
}
