package dev.panthera.chat.web;

import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a streamed completion the way OpenAI does: {@code data: {chat.completion.chunk}} lines
 * (the first delta carries the role), a last chunk with {@code finish_reason}, a usage chunk with
 * empty choices when the client asked for {@code stream_options.include_usage}, then {@code data:
 * [DONE]}. A failure mid-stream is {@code data: {"error": {…}}} and no [DONE]. As {@link
 * SseWriter} does, the request's own (virtual) thread relays the model's events, sends a comment
 * line while the model is silent, and cancels the model when the client goes away.
 */
@Component
class OpenAiStreamWriter {

    private final JsonMapper json;

    OpenAiStreamWriter(JsonMapper json) {
        this.json = json;
    }

    private sealed interface Event {}

    private record Token(String content) implements Event {}

    private record Done(ChatCompletion completion) implements Event {}

    private record Failed(PantheraException error) implements Event {}

    void stream(
            HttpServletResponse response,
            String id,
            long created,
            String model,
            boolean includeUsage,
            Function<ModelStreamListener, StreamHandle> start)
            throws IOException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        StreamHandle stream = start.apply(new ModelStreamListener() {
            @Override
            public void onToken(String token) {
                events.add(new Token(token));
            }

            @Override
            public void onComplete(ChatCompletion completion) {
                events.add(new Done(completion));
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
        boolean first = true;
        try {
            long silentSince = System.nanoTime();
            while (true) {
                Event event = events.poll(SseWriter.HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null && System.nanoTime() - silentSince < SseWriter.IDLE.toNanos()) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                silentSince = System.nanoTime();
                if (event == null) {
                    stream.cancel();
                    Duration idle = SseWriter.IDLE;
                    write(
                            out,
                            Map.of(
                                    "error",
                                    OpenAiErrors.error(new PantheraException(
                                            ProblemCode.UPSTREAM_UNAVAILABLE,
                                            "The model sent nothing for " + idle.toMinutes() + " minutes"))));
                    return;
                }
                switch (event) {
                    case Token t -> {
                        Map<String, Object> delta = new LinkedHashMap<>();
                        if (first) {
                            delta.put("role", "assistant");
                            first = false;
                        }
                        delta.put("content", t.content());
                        write(out, chunk(id, created, model, delta, null));
                    }
                    case Done d -> {
                        Map<String, Object> delta = new LinkedHashMap<>();
                        if (first) {
                            delta.put("role", "assistant");
                            delta.put("content", "");
                        }
                        write(
                                out,
                                chunk(
                                        id,
                                        created,
                                        model,
                                        delta,
                                        OpenAiController.finishReason(
                                                d.completion().finishReason())));
                        if (includeUsage) {
                            Map<String, Object> usage = base(id, created, model);
                            usage.put("choices", List.of());
                            usage.put("usage", OpenAiController.usage(d.completion()));
                            write(out, usage);
                        }
                        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        return;
                    }
                    case Failed f -> {
                        write(out, Map.of("error", OpenAiErrors.error(f.error())));
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // the client went away: stop the model
            stream.cancel();
        } catch (InterruptedException e) {
            stream.cancel();
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> base(String id, long created, String model) {
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    private static Map<String, Object> chunk(
            String id, long created, String model, Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = base(id, created, model);
        chunk.put("choices", List.of(choice));
        return chunk;
    }

    private void write(OutputStream out, Object data) throws IOException {
        String frame = "data: " + json.writeValueAsString(data) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
