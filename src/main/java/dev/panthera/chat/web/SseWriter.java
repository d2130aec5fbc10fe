package dev.panthera.chat.web;

import dev.panthera.chat.ChatService.ChatListener;
import dev.panthera.chat.ChatService.ChatReply;
import dev.panthera.chat.ChatService.ChatStream;
import dev.panthera.shared.PantheraException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a chat reply as {@code text/event-stream}: {@code event: token} with {@code {"content":
 * ...}}, then one {@code event: done} ({@code conversation_id}, {@code tokens_used}, {@code model},
 * {@code timestamp}) or {@code event: error} (problem JSON), relayed by {@link SseRelay} (servlet
 * async: an open stream holds no thread); a client that goes away cancels the model stream, and
 * nothing is stored. While the model is silent a comment line goes out every {@link
 * SseRelay#HEARTBEAT}, so proxies keep the connection and a client that left is noticed. Errors
 * before the first event (limits, ownership) are thrown, so they answer as ordinary problem+json.
 */
@Component
class SseWriter {

    private final JsonMapper json;

    SseWriter(JsonMapper json) {
        this.json = json;
    }

    void stream(HttpServletRequest request, HttpServletResponse response, Function<ChatListener, ChatStream> start)
            throws IOException {
        SseRelay.<ChatReply>relay(
                request,
                response,
                sink -> start.apply(new ChatListener() {
                    @Override
                    public void onToken(String token) {
                        sink.token(token);
                    }

                    @Override
                    public void onComplete(ChatReply reply) {
                        sink.complete(reply);
                    }

                    @Override
                    public void onError(PantheraException error) {
                        sink.error(error);
                    }
                })::cancel,
                new SseRelay.Frames<>() {
                    @Override
                    public void token(OutputStream out, String token) throws IOException {
                        write(out, "token", Map.of("content", token));
                    }

                    @Override
                    public void done(OutputStream out, ChatReply reply) throws IOException {
                        Map<String, Object> done = new LinkedHashMap<>();
                        done.put("conversation_id", reply.conversationId());
                        done.put("tokens_used", reply.tokensUsed());
                        done.put("model", reply.model());
                        done.put("timestamp", reply.timestamp().toString());
                        write(out, "done", done);
                    }

                    @Override
                    public void error(OutputStream out, PantheraException error) throws IOException {
                        write(out, "error", problem(error));
                    }
                });
    }

    private void write(OutputStream out, String name, Object data) throws IOException {
        String frame = "event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Map<String, Object> problem(PantheraException e) {
        HttpStatus status = HttpStatus.valueOf(e.code().status());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", e.getMessage());
        problem.put("code", e.code().name());
        return problem;
    }
}
