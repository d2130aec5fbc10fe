package dev.panthera.platform.logging;

import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Redacts one structured (JSON) log line value by value: a field with a sensitive name (an MDC or
 * key-value pair such as {@code signature}) is masked whole, every other string is redacted as text.
 * Working on values rather than on the raw line keeps the line valid JSON and keeps the
 * formatter's own {@code message} field, which is the log message, not a secret.
 */
final class JsonLines {

    /** Numbers go back out exactly as they came in (GELF timestamps are decimals). */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** Fields the ECS, Logstash and GELF formatters write themselves: redacted as text, never wiped. */
    private static final Set<String> FORMATTER_FIELDS =
            Set.of("message", "error.message", "short_message", "full_message", "stack_trace", "error.stack_trace");

    private JsonLines() {}

    /** The redacted line, or null when the line is not a JSON object (then it is treated as text). */
    static String redact(String line) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(line);
        } catch (JacksonException e) {
            return null;
        }
        if (!(tree instanceof ObjectNode root)) {
            return null;
        }
        redactObject(root, "");
        return MAPPER.writeValueAsString(root);
    }

    private static void redactObject(ObjectNode object, String path) {
        for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
            String name = field.getKey();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            JsonNode value = field.getValue();
            if (Redactor.isSensitiveKey(name) && !FORMATTER_FIELDS.contains(fieldPath) && !value.isNull()) {
                object.replace(name, StringNode.valueOf(Redactor.MASK));
            } else {
                object.replace(name, redactValue(value, fieldPath));
            }
        }
    }

    private static JsonNode redactValue(JsonNode value, String path) {
        if (value.isString()) {
            String text = value.stringValue();
            String redacted = Redactor.redact(text);
            return redacted.equals(text) ? value : StringNode.valueOf(redacted);
        }
        if (value instanceof ObjectNode object) {
            redactObject(object, path);
        } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redactValue(array.get(i), path));
            }
        }
        return value;
    }
}
