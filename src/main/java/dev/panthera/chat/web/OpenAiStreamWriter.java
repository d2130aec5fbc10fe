package dev.panthera.chat.web;

import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.shared.PantheraException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a streamed completion the way OpenAI does: {@code data: {chat.completion.chunk}} lines
 * (the first delta carries the role), a last chunk with {@code finish_reason}, a usage chunk with
 * empty choices when the client asked for {@code stream_options.include_usage}, then {@code data:
 * [DONE]}. A failure mid-stream is {@code data: {"error": {…}}} and no [DONE]. As {@link
 * SseWriter} does, {@link SseRelay} relays the model's events without holding a thread, sends a
 * comment line while the model is silent, and cancels the model when the client goes away.
 */
@Component
class OpenAiStreamWriter {

    private final JsonMapper json;

    OpenAiStreamWriter(JsonMapper json) {
        this.json = json;
    }

    void stream(
            HttpServletRequest request,
            HttpServletResponse response,
            String id,
            long created,
            String model,
            boolean includeUsage,
            Function<ModelStreamListener, StreamHandle> start)
            throws IOException {
        SseRelay.<ChatCompletion>relay(
                request,
                response,
                sink -> start.apply(new ModelStreamListener() {
                    @Override
                    public void onToken(String token) {
                        sink.token(token);
                    }

                    @Override
                    public void onComplete(ChatCompletion completion) {
                        sink.complete(completion);
                    }

                    @Override
                    public void onError(PantheraException error) {
                        sink.error(error);
                    }
                })::cancel,
                new SseRelay.Frames<>() {
                    private boolean first = true;

                    @Override
                    public void token(OutputStream out, String token) throws IOException {
                        Map<String, Object> delta = new LinkedHashMap<>();
                        if (first) {
                            delta.put("role", "assistant");
                            first = false;
                        }
                        delta.put("content", token);
                        write(out, chunk(id, created, model, delta, null));
                    }

                    @Override
                    public void done(OutputStream out, ChatCompletion completion) throws IOException {
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
                                        OpenAiController.finishReason(completion.finishReason())));
                        if (includeUsage) {
                            Map<String, Object> usage = base(id, created, model);
                            usage.put("choices", List.of());
                            usage.put("usage", OpenAiController.usage(completion));
                            write(out, usage);
                        }
                        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }

                    @Override
                    public void error(OutputStream out, PantheraException error) throws IOException {
                        write(out, Map.of("error", OpenAiErrors.error(error)));
                    }
                });
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
