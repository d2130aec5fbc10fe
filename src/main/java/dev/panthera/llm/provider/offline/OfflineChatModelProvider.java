package dev.panthera.llm.provider.offline;

import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelMessage;
import dev.panthera.llm.ModelMessage.Role;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.llm.spi.ChatModelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Answers without a model: greets as the persona (a name found in the system prompt), reflects
 * the last user message and says plainly that no language model is configured. Same input, same
 * reply. Tokens are estimated as ceil(characters / 4), the usual rule of thumb for English text.
 */
@Component
public class OfflineChatModelProvider implements ChatModelProvider {

    public static final String NAME = "offline";
    private static final Pattern PERSONA_NAME = Pattern.compile(
            "(?i)(?:you are|your name is|i am|name:)\\s+([\\p{L}\\p{N}][\\p{L}\\p{N}_' -]{0,40}?)(?=[,.;:!\\n]|$| the | an? )");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean serves(String model) {
        return NAME.equals(model);
    }

    @Override
    public ChatCompletion complete(ModelRequest request) {
        String reply = reply(request.messages());
        int input = request.messages().stream()
                .mapToInt(m -> estimateTokens(m.content()))
                .sum();
        String model = request.model() == null || request.model().isBlank() ? NAME : request.model();
        return new ChatCompletion(reply, model, NAME, input, estimateTokens(reply), "stop", Map.of("responder", NAME));
    }

    /** Streams the reply word by word (each token keeps its leading space) on a virtual thread. */
    @Override
    public StreamHandle stream(ModelRequest request, ModelStreamListener listener) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread.ofVirtual().name("llm-offline").start(() -> {
            ChatCompletion completion = complete(request);
            for (String token : words(completion.content())) {
                if (cancelled.get()) {
                    return;
                }
                listener.onToken(token);
            }
            if (!cancelled.get()) {
                listener.onComplete(completion);
            }
        });
        return new StreamHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
    }

    /** ceil(chars / 4); 0 for empty text. */
    public static int estimateTokens(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    static String reply(List<ModelMessage> messages) {
        String persona = messages.stream()
                .filter(m -> m.role() == Role.SYSTEM)
                .map(m -> personaName(m.content()))
                .filter(n -> !n.isEmpty())
                .findFirst()
                .orElse("");
        String lastUser = messages.stream()
                .filter(m -> m.role() == Role.USER)
                .reduce((a, b) -> b)
                .map(m -> m.content().strip())
                .orElse("");
        StringBuilder reply = new StringBuilder(persona.isEmpty() ? "Hello." : "Hello, I am " + persona + ".");
        reply.append(lastUser.isEmpty() ? " You have not said anything yet." : " You said: \"" + lastUser + "\".");
        reply.append(" I am running without a language model, so this is the offline responder's reply.");
        return reply.toString();
    }

    static String personaName(String systemPrompt) {
        Matcher m = PERSONA_NAME.matcher(systemPrompt);
        return m.find() ? m.group(1).strip() : "";
    }

    static List<String> words(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = Pattern.compile("\\s*\\S+").matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }
}
