package dev.panthera.llm.provider.openai;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Bridges LangChain4j's streaming callbacks to a {@link ModelStreamListener}. LangChain4j hands out
 * its cancel handle only with the first token, so a cancel that comes earlier is applied then;
 * cancelling stops the SSE parser, and {@link UpstreamHttpClient} closes the connection.
 */
final class OpenAiStream implements StreamingChatResponseHandler, StreamHandle {

    private final String provider;
    private final ModelStreamListener listener;
    private final Function<ChatResponse, ChatCompletion> completion;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicReference<StreamingHandle> upstream = new AtomicReference<>();

    OpenAiStream(String provider, ModelStreamListener listener, Function<ChatResponse, ChatCompletion> completion) {
        this.provider = provider;
        this.listener = listener;
        this.completion = completion;
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        upstream.set(context.streamingHandle());
        if (cancelled.get()) {
            context.streamingHandle().cancel();
            return;
        }
        if (partial.text() != null && !partial.text().isEmpty()) {
            listener.onToken(partial.text());
        }
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        if (!cancelled.get() && finished.compareAndSet(false, true)) {
            listener.onComplete(completion.apply(response));
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!cancelled.get() && finished.compareAndSet(false, true)) {
            listener.onError(UpstreamErrors.map(provider, error));
        }
    }

    @Override
    public void cancel() {
        cancelled.set(true);
        StreamingHandle handle = upstream.get();
        if (handle != null) {
            handle.cancel();
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }
}
