package dev.panthera.llm;

import dev.panthera.shared.PantheraException;

/** Receives a streamed completion; called from a gateway thread, never concurrently. */
public interface ModelStreamListener {

    void onToken(String token);

    /** The whole completion (content = all tokens joined) with its token counts. */
    void onComplete(ChatCompletion completion);

    void onError(PantheraException error);
}
