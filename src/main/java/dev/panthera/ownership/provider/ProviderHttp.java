package dev.panthera.ownership.provider;

import dev.panthera.ownership.spi.OracleUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** What the oracles' HTTP clients share: one time budget per operation, and bounded bodies. */
public final class ProviderHttp {

    private ProviderHttp() {}

    /**
     * One oracle operation's time budget: every call it makes shares it, so the whole never exceeds
     * it. {@code what} names the endpoint kind in the message ("Solana RPC", "Secret LCD").
     */
    public record Deadline(long endNanos, Duration budget, String what) {

        public static Deadline after(Duration budget, String what) {
            return new Deadline(System.nanoTime() + budget.toNanos(), budget, what);
        }

        /** The time left, or an {@link OracleUnavailableException} when there is none. */
        public Duration remaining(String endpoint) {
            long left = endNanos - System.nanoTime();
            if (left <= 0) {
                throw new OracleUnavailableException(
                        what + " " + endpoint + " did not answer within " + budget.toMillis() + " ms");
            }
            return Duration.ofNanos(left);
        }
    }

    /** A body past its size limit; the exchange was cancelled. */
    public static final class ResponseTooLarge extends IOException {
        ResponseTooLarge() {
            super("response too large");
        }
    }

    /** Collects the body, and gives up (cancelling the exchange) beyond {@code max} bytes. */
    public static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;
        private Flow.Subscription subscription;

        public BoundedBody(int max) {
            this.max = max;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new ResponseTooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
