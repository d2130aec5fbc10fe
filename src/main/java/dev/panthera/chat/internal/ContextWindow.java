package dev.panthera.chat.internal;

import dev.panthera.llm.ModelMessage;
import dev.panthera.llm.ModelMessage.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a conversation into a token budget: the system prompt and the new message are always sent;
 * history is added newest first while it fits, so the oldest turns are the ones dropped. Tokens are
 * estimated as ceil(characters / 4).
 */
final class ContextWindow {

    private ContextWindow() {}

    static int estimate(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    /**
     * The messages to send: system prompt, the newest history that fits, the new user message.
     * {@code history} is oldest first. Kept history never starts with an assistant turn.
     */
    static List<ModelMessage> fit(String systemPrompt, List<ModelMessage> history, String message, int budget) {
        int used = estimate(systemPrompt) + estimate(message);
        int first = history.size();
        for (int i = history.size() - 1; i >= 0; i--) {
            int cost = estimate(history.get(i).content());
            if (used + cost > budget) {
                break;
            }
            used += cost;
            first = i;
        }
        while (first < history.size() && history.get(first).role() != Role.USER) {
            first++;
        }
        List<ModelMessage> out = new ArrayList<>(history.size() - first + 2);
        out.add(ModelMessage.system(systemPrompt));
        out.addAll(history.subList(first, history.size()));
        out.add(ModelMessage.user(message));
        return out;
    }
}
