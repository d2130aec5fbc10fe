package dev.panthera.agent.internal.metadata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The limits of an agent's configuration, shared by metadata and owner overrides. Each reader
 * returns the value, or adds a message naming the field and the limit (never the value, which may
 * be decrypted metadata) and returns null.
 */
public final class ConfigLimits {

    public static final int MAX_TOKENS = 32768;
    public static final int SYSTEM_PROMPT_CHARS = 8000;
    public static final int NAME_CHARS = 100;
    public static final int DESCRIPTION_CHARS = 2000;
    public static final int MAX_CAPABILITIES = 32;
    private static final String CAPABILITY = "[a-z0-9][a-z0-9_.-]{0,31}";
    private static final String MODEL = "[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,99}";

    private ConfigLimits() {}

    public static Double temperature(JsonNode value, String field, List<String> problems) {
        if (value.isNumber() && value.asDouble() >= 0.0 && value.asDouble() <= 1.0) {
            return value.asDouble();
        }
        problems.add(field + " must be a number from 0.0 to 1.0");
        return null;
    }

    public static Integer maxTokens(JsonNode value, String field, List<String> problems) {
        if (value.isNumber()
                && value.canConvertToExactIntegral()
                && value.canConvertToInt()
                && value.asInt() >= 1
                && value.asInt() <= MAX_TOKENS) {
            return value.asInt();
        }
        problems.add(field + " must be a whole number from 1 to " + MAX_TOKENS);
        return null;
    }

    public static String model(JsonNode value, String field, List<String> problems) {
        if (value.isString() && value.asString().strip().matches(MODEL)) {
            return value.asString().strip();
        }
        problems.add(field + " must be 1-100 letters, digits or . _ : / @ + - (e.g. \"deepseek-chat\")");
        return null;
    }

    public static String systemPrompt(JsonNode value, String field, List<String> problems) {
        if (value.isString() && !value.asString().isBlank() && value.asString().length() <= SYSTEM_PROMPT_CHARS) {
            return value.asString().strip();
        }
        problems.add(field + " must be a non-blank string of at most " + SYSTEM_PROMPT_CHARS + " characters");
        return null;
    }

    /** Lowercased and without duplicates, in the order given. */
    public static List<String> capabilities(JsonNode value, String field, List<String> problems) {
        Set<String> names = new LinkedHashSet<>();
        boolean valid = value.isArray() && !value.isEmpty() && value.size() <= MAX_CAPABILITIES;
        for (JsonNode item : valid ? value : List.<JsonNode>of()) {
            String name = item.isString() ? item.asString().strip().toLowerCase(Locale.ROOT) : "";
            valid &= name.matches(CAPABILITY);
            names.add(name);
        }
        if (!valid) {
            problems.add(field + " must be a list of 1-" + MAX_CAPABILITIES
                    + " names of lowercase letters, digits, _ . - (at most 32 characters each)");
            return null;
        }
        return new ArrayList<>(names);
    }

    /** A name or description: strings only; {@code strict} refuses an over-long one, else it is cut. */
    public static String text(JsonNode value, String field, int maxChars, boolean strict, List<String> problems) {
        if (!value.isString()
                || (strict && (value.asString().isBlank() || value.asString().length() > maxChars))) {
            problems.add(field + " must be "
                    + (strict ? "a non-blank string of at most " + maxChars + " characters" : "a string"));
            return null;
        }
        String text = value.asString().strip();
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }
}
