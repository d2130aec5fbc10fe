package dev.panthera.chat.web;

import dev.panthera.chat.ChatService.ChatListener;
import dev.panthera.chat.ChatService.ChatReply;
import dev.panthera.chat.ChatService.ChatStream;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a chat reply as {@code text/event-stream}: {@code event: token} with {@code {"content":
 * ...}}, then one {@code event: done} ({@code conversation_id}, {@code tokens_used}, {@code model},
 * {@code timestamp}) or {@code event: error} (problem JSON). The request's own thread (a virtual
 * thread) relays the events, so nothing leaves the request; a client that goes away cancels the
 * model stream, and nothing is stored. While the model is silent a comment line goes out every
 * {@link #HEARTBEAT}, so proxies keep the connection and a client that left is noticed. Errors before the first event (limits, ownership) are
 * thrown, so they answer as ordinary problem+json.
 */
@Component
class SseWriter {

    /** The longest a stream may stay silent before it is abandoned. */
    static final Duration IDLE = Duration.ofMinutes(5);

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final JsonMapper json;

    SseWriter(JsonMapper json) {
        this.json = json;
    }

    private sealed interface Event {}

    private record Token(String content) implements Event {}

    private record Done(ChatReply reply) implements Event {}

    private record Failed(PantheraException error) implements Event {}

    void stream(HttpServletResponse response, Function<ChatListener, ChatStream> start) throws IOException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ChatStream stream = start.apply(new ChatListener() {
            @Override
            public void onToken(String token) {
                events.add(new Token(token));
            }

            @Override
            public void onComplete(ChatReply reply) {
                events.add(new Done(reply));
            }

            @Override
            public void onError(PantheraException error) {
                events.add(new Failed(error));
            }
        });
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        try {
            long silentSince = System.nanoTime();
            while (true) {
                Event event = events.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null && System.nanoTime() - silentSince < IDLE.toNanos()) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                silentSince = System.nanoTime();
                if (event == null) {
                    stream.cancel();
                    write(
                            out,
                            "error",
                            problem(new PantheraException(
                                    ProblemCode.UPSTREAM_UNAVAILABLE,
                                    "The model sent nothing for " + IDLE.toMinutes() + " minutes")));
                    return;
                }
                switch (event) {
                    case Token t -> write(out, "token", Map.of("content", t.content()));
                    case Done d -> {
                        Map<String, Object> done = new LinkedHashMap<>();
                        done.put("conversation_id", d.reply().conversationId());
                        done.put("tokens_used", d.reply().tokensUsed());
                        done.put("model", d.reply().model());
                        done.put("timestamp", d.reply().timestamp().toString());
                        write(out, "done", done);
                        return;
                    }
                    case Failed f -> {
                        write(out, "error", problem(f.error()));
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // the client went away: stop the model, store nothing
            stream.cancel();
        } catch (InterruptedException e) {
            stream.cancel();
            Thread.currentThread().interrupt();
        }
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
