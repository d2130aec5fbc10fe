package dev.panthera.chat.web.ws;

import dev.panthera.chat.ChatService.ChatReply;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's frames, as JSON text (seed 000 chat messages: {@code type}, {@code
 * conversation_id}, {@code data}). Each is built once and may go to several connections.
 */
final class ServerFrames {

    private final ObjectMapper json;

    ServerFrames(ObjectMapper json) {
        this.json = json;
    }

    String typing(UUID conversationId, String requestId, boolean typing) {
        ObjectNode frame = frame("typing", conversationId, requestId);
        frame.putObject("data").put("typing", typing);
        return write(frame);
    }

    String delta(UUID conversationId, String requestId, String delta) {
        ObjectNode frame = frame("message", conversationId, requestId);
        frame.putObject("data").put("role", "assistant").put("delta", delta).put("done", false);
        return write(frame);
    }

    String reply(String requestId, ChatReply reply) {
        ObjectNode frame = frame("message", reply.conversationId(), requestId);
        ObjectNode data = frame.putObject("data")
                .put("role", "assistant")
                .put("content", reply.response())
                .put("done", true)
                .put("tokens_used", reply.tokensUsed())
                .put("model", reply.model())
                .put("timestamp", reply.timestamp().toString());
        limits(data, reply.limits());
        return write(frame);
    }

    /** The user's message as the other connections subscribed to its conversation see it. */
    String userMessage(UUID conversationId, String requestId, String content) {
        ObjectNode frame = frame("message", conversationId, requestId);
        frame.putObject("data").put("role", "user").put("content", content);
        return write(frame);
    }

    String error(PantheraException e, UUID conversationId, String requestId) {
        ObjectNode frame = frame("error", conversationId, requestId);
        ObjectNode data = frame.putObject("data")
                .put("code", e.code().name())
                .put("message", e.getMessage())
                .put("status", e.code().status());
        String retryAfter = e.headers().get("Retry-After");
        if (retryAfter != null) {
            data.put("retry_after", retryAfter);
        }
        limits(data, e.headers());
        return write(frame);
    }

    /**
     * The caller's rate-limit and budget state that HTTP sends as headers ({@code
     * X-RateLimit-*}, {@code X-Budget-*}), as {@code data.limits}: header name in lower case → value,
     * so a WebSocket client can pace itself as an HTTP one does.
     */
    private static void limits(ObjectNode data, Map<String, String> headers) {
        ObjectNode limits = null;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-ratelimit-") || name.startsWith("x-budget-")) {
                if (limits == null) {
                    limits = data.putObject("limits");
                }
                limits.put(name, header.getValue());
            }
        }
    }

    String authenticated(WalletPrincipal principal, String requestId) {
        ObjectNode frame = frame("authenticated", null, requestId);
        ObjectNode data = frame.putObject("data").put("wallet_address", principal.walletAddress());
        Instant expiresAt = principal.expiresAt();
        data.put("expires_at", expiresAt == null ? null : expiresAt.toString());
        return write(frame);
    }

    String subscribed(String type, String channel, String requestId) {
        ObjectNode frame = frame(type, null, requestId);
        frame.put("channel", channel);
        return write(frame);
    }

    String pong(String requestId) {
        return write(frame("pong", null, requestId));
    }

    private ObjectNode frame(String type, UUID conversationId, String requestId) {
        ObjectNode frame = json.createObjectNode().put("type", type);
        if (conversationId == null) {
            frame.putNull("conversation_id");
        } else {
            frame.put("conversation_id", conversationId.toString());
        }
        if (requestId != null) {
            frame.put("request_id", requestId);
        }
        return frame;
    }

    private String write(ObjectNode frame) {
        return json.writeValueAsString(frame);
    }
}
