package dev.panthera.chat.web;

import dev.panthera.llm.ModelMessage;
import dev.panthera.shared.PantheraException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The parts of an OpenAI chat completion request Panthera uses; unknown fields are ignored. Each
 * bad field is a {@code VALIDATION_FAILED} that names it. {@code content} may be a string or an
 * array of {@code {"type":"text","text":…}} parts; {@code developer} is read as {@code system}.
 */
record OpenAiRequest(
        String model,
        List<ModelMessage> messages,
        Double temperature,
        Integer maxTokens,
        boolean stream,
        boolean includeUsage) {

    static OpenAiRequest parse(JsonNode body, int maxMessages, int maxChars) {
        if (body == null || !body.isObject()) {
            throw PantheraException.validation("The body must be a JSON object");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isString() || model.asString().isBlank()) {
            throw PantheraException.validation("model is required: \"{collection}/{token_id}\" (see GET /v1/models)");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw PantheraException.validation("messages is required: a non-empty array of {role, content}");
        }
        if (messages.size() > maxMessages) {
            throw PantheraException.validation(
                    "messages has " + messages.size() + " entries; at most " + maxMessages + " are allowed");
        }
        List<ModelMessage> parsed = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            parsed.add(message(messages.get(i), i, maxChars));
        }
        Double temperature = null;
        JsonNode t = body.get("temperature");
        if (t != null && !t.isNull()) {
            if (!t.isNumber() || t.asDouble() < 0 || t.asDouble() > 2) {
                throw PantheraException.validation("temperature must be a number from 0 to 2");
            }
            temperature = t.asDouble();
        }
        Integer maxTokens = null;
        JsonNode m = body.get("max_tokens");
        if (m == null || m.isNull()) {
            m = body.get("max_completion_tokens");
        }
        if (m != null && !m.isNull()) {
            if (!m.isIntegralNumber() || m.asLong() < 1 || m.asLong() > Integer.MAX_VALUE) {
                throw PantheraException.validation("max_tokens must be a positive integer");
            }
            maxTokens = m.asInt();
        }
        boolean stream = flag(body.get("stream"), "stream");
        boolean includeUsage = false;
        JsonNode options = body.get("stream_options");
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                throw PantheraException.validation("stream_options must be an object");
            }
            includeUsage = flag(options.get("include_usage"), "stream_options.include_usage");
        }
        return new OpenAiRequest(model.asString(), List.copyOf(parsed), temperature, maxTokens, stream, includeUsage);
    }

    private static ModelMessage message(JsonNode node, int i, int maxChars) {
        String at = "messages[" + i + "]";
        if (node == null || !node.isObject()) {
            throw PantheraException.validation(at + " must be an object {role, content}");
        }
        JsonNode role = node.get("role");
        ModelMessage.Role r;
        switch (role == null || !role.isString() ? "" : role.asString()) {
            case "system", "developer" -> r = ModelMessage.Role.SYSTEM;
            case "user" -> r = ModelMessage.Role.USER;
            case "assistant" -> r = ModelMessage.Role.ASSISTANT;
            default -> throw PantheraException.validation(at + ".role must be one of system, user, assistant");
        }
        String content = content(node.get("content"), at);
        if (content.length() > maxChars) {
            throw PantheraException.validation(
                    at + ".content is " + content.length() + " characters; at most " + maxChars + " are allowed");
        }
        return new ModelMessage(r, content);
    }

    private static String content(JsonNode content, String at) {
        if (content == null || content.isNull()) {
            throw PantheraException.validation(at + ".content is required: a string");
        }
        if (content.isString()) {
            return content.asString();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                JsonNode type = part.get("type");
                JsonNode value = part.get("text");
                if (type == null || !"text".equals(type.asString()) || value == null || !value.isString()) {
                    throw PantheraException.validation(at + ".content parts must be {\"type\": \"text\", \"text\": …}");
                }
                text.append(value.asString());
            }
            return text.toString();
        }
        throw PantheraException.validation(at + ".content must be a string");
    }

    private static boolean flag(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw PantheraException.validation(name + " must be true or false");
        }
        return node.asBoolean();
    }
}
