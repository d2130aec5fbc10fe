package dev.panthera.agent.internal.metadata;

import dev.panthera.agent.internal.metadata.MetadataException.Kind;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit and cancels the stream the moment it goes past it, so an
 * endless or huge response costs at most {@code maxBytes} of memory and never a full download.
 * A declared Content-Length over the limit is refused before any byte is read.
 */
final class LimitedBody implements BodySubscriber<byte[]> {

    private final int maxBytes;
    private final boolean declaredTooLarge;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private LimitedBody(int maxBytes, boolean declaredTooLarge) {
        this.maxBytes = maxBytes;
        this.declaredTooLarge = declaredTooLarge;
    }

    /** The body handler: redirects are discarded (only their Location matters), others collected. */
    static BodySubscriber<byte[]> handle(ResponseInfo info, int maxBytes) {
        if (MetadataFetcher.isRedirect(info.statusCode())) {
            return BodySubscribers.replacing(new byte[0]);
        }
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new LimitedBody(maxBytes, declared > maxBytes);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredTooLarge) {
            subscription.cancel();
            result.completeExceptionally(tooLarge());
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if ((long) out.size() + buffer.remaining() > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(tooLarge());
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            out.write(chunk, 0, chunk.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    private MetadataException tooLarge() {
        return new MetadataException(
                Kind.TOO_LARGE, "metadata is larger than " + maxBytes + " bytes (panthera.metadata.max-bytes)");
    }
}
