package dev.panthera.llm;

import dev.panthera.shared.PantheraException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A {@link ModelStreamListener} that keeps what it heard, for assertions. */
public final class RecordingListener implements ModelStreamListener {

    public final List<String> tokens = new CopyOnWriteArrayList<>();
    public final CountDownLatch firstToken = new CountDownLatch(1);
    public final CompletableFuture<ChatCompletion> completed = new CompletableFuture<>();
    public final CompletableFuture<PantheraException> failed = new CompletableFuture<>();

    @Override
    public void onToken(String token) {
        tokens.add(token);
        firstToken.countDown();
    }

    @Override
    public void onComplete(ChatCompletion completion) {
        completed.complete(completion);
    }

    @Override
    public void onError(PantheraException error) {
        failed.complete(error);
    }
}
