package dev.panthera.chat.web.ws;

import dev.panthera.chat.web.ws.ClientFrame.Auth;
import dev.panthera.chat.web.ws.ClientFrame.Cancel;
import dev.panthera.chat.web.ws.ClientFrame.Invalid;
import dev.panthera.chat.web.ws.ClientFrame.Ping;
import dev.panthera.chat.web.ws.ClientFrame.Send;
import dev.panthera.chat.web.ws.ClientFrame.Subscribe;
import dev.panthera.chat.web.ws.ClientFrame.Unsubscribe;
import dev.panthera.shared.PantheraException;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a client's text frame into a {@link ClientFrame}. Never throws: whatever is wrong with a
 * frame (not JSON, unknown type, a missing or malformed field) comes back as {@link Invalid} with
 * a VALIDATION_FAILED that names the problem, so one bad frame costs an error frame, not the
 * connection. A message's length limit is the chat service's check, so its error states the limit.
 */
final class ClientFrames {

    /** Echoed back on every answer, so it is kept short. */
    static final int MAX_REQUEST_ID = 128;

    static final int MAX_CHANNEL = 200;
    /** Like the HTTP filter's limit on an Authorization header. */
    static final int MAX_TOKEN = 8192;

    private final ObjectMapper json;

    ClientFrames(ObjectMapper json) {
        this.json = json;
    }

    ClientFrame parse(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            return invalid("Frame is not valid JSON", null, null);
        }
        if (root == null || !root.isObject()) {
            return invalid("Frame must be a JSON object with a \"type\"", null, null);
        }
        String requestId;
        UUID conversationId;
        try {
            requestId = optionalString(root, "request_id", MAX_REQUEST_ID);
        } catch (PantheraException e) {
            return new Invalid(e, null, null);
        }
        try {
            conversationId = uuid(root, "conversation_id");
        } catch (PantheraException e) {
            return new Invalid(e, null, requestId);
        }
        try {
            String type = requiredString(root, "type", 32);
            JsonNode data = root.get("data");
            return switch (type) {
                case "auth" -> new Auth(requiredString(object(data, "data"), "token", MAX_TOKEN), requestId);
                case "message" -> send(object(data, "data"), conversationId, requestId);
                case "subscribe" -> new Subscribe(requiredString(root, "channel", MAX_CHANNEL), requestId);
                case "unsubscribe" -> new Unsubscribe(requiredString(root, "channel", MAX_CHANNEL), requestId);
                case "cancel" -> {
                    if (conversationId == null) {
                        throw PantheraException.validation("cancel needs the conversation_id of the running reply");
                    }
                    yield new Cancel(conversationId, requestId);
                }
                case "ping" -> new Ping(requestId);
                default ->
                    throw PantheraException.validation("Unknown type '" + type
                            + "': expected auth, message, subscribe, unsubscribe, cancel or ping");
            };
        } catch (PantheraException e) {
            return new Invalid(e, conversationId, requestId);
        }
    }

    private static Send send(JsonNode data, UUID conversationId, String requestId) {
        JsonNode content = data.get("content");
        if (content == null || !content.isString()) {
            throw PantheraException.validation("data.content must be a string");
        }
        return new Send(
                conversationId,
                optionalString(data, "collection", 128),
                tokenId(data),
                content.stringValue(),
                requestId);
    }

    /** A string, or an integral number as clients sending ERC-721 ids as numbers do. */
    private static String tokenId(JsonNode data) {
        JsonNode node = data.get("nft_token_id");
        if (node != null && node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return requiredString(data, "nft_token_id", 128);
    }

    private static JsonNode object(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            throw PantheraException.validation(name + " must be an object");
        }
        return node;
    }

    private static String requiredString(JsonNode parent, String name, int maxLength) {
        String value = optionalString(parent, name, maxLength);
        if (value == null || value.isBlank()) {
            throw PantheraException.validation(name + " is required");
        }
        return value;
    }

    private static String optionalString(JsonNode parent, String name, int maxLength) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw PantheraException.validation(name + " must be a string");
        }
        String value = node.stringValue();
        if (value.length() > maxLength) {
            throw PantheraException.validation(name + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    private static UUID uuid(JsonNode parent, String name) {
        String value = optionalString(parent, name, 64);
        if (value == null) {
            return null;
        }
        try {
            // UUID.fromString also takes shortened forms such as 1-1-1-1-1
            if (value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw PantheraException.validation(name + " must be a UUID");
        }
    }

    private static Invalid invalid(String detail, UUID conversationId, String requestId) {
        return new Invalid(PantheraException.validation(detail), conversationId, requestId);
    }
}
