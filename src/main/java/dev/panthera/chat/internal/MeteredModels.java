package dev.panthera.chat.internal;

import dev.panthera.billing.BillingService;
import dev.panthera.billing.BillingService.ModelCall;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelGateway;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.ownership.NftId;
import dev.panthera.shared.PantheraException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The model gateway with a meter on it: every call is admitted by billing first (limits per wallet
 * and API key) and recorded after, whether it answered, failed or was cancelled, so no path to a
 * model escapes the ledger. A cancelled stream has no upstream usage, so what it consumed is
 * estimated (characters / 4). A ledger that cannot be written does not fail the answer the caller
 * already has; it is logged (without content) instead.
 */
@Component
public class MeteredModels {

    private static final Logger log = LoggerFactory.getLogger(MeteredModels.class);
    static final String CANCELLED = "CANCELLED";

    private final ModelGateway gateway;
    private final BillingService billing;
    private final Clock clock;

    MeteredModels(ModelGateway gateway, BillingService billing, Clock clock) {
        this.gateway = gateway;
        this.billing = billing;
        this.clock = clock;
    }

    /** Who calls which agent, in which conversation (null when stateless), for what operation. */
    public record Call(WalletPrincipal caller, NftId nft, UUID conversationId, String operation) {}

    /** Counts the call against the caller's limits; throws RATE_LIMITED / QUOTA_EXCEEDED; returns the headers. */
    public Map<String, String> admit(WalletPrincipal caller) {
        return billing.admit(caller).headers();
    }

    public ChatCompletion complete(Call call, ModelRequest request) {
        long started = System.nanoTime();
        ChatCompletion completion;
        try {
            completion = gateway.complete(request);
        } catch (PantheraException e) {
            record(call, request, 0, 0, started, e.code().name());
            throw e;
        } catch (RuntimeException e) {
            record(call, request, 0, 0, started, "INTERNAL");
            throw e;
        }
        record(call, completion.model(), completion.inputTokens(), completion.outputTokens(), started, null);
        return completion;
    }

    /** Streams through the gateway; the listener hears the same events, each call recorded once. */
    public StreamHandle stream(Call call, ModelRequest request, ModelStreamListener listener) {
        long started = System.nanoTime();
        AtomicBoolean recorded = new AtomicBoolean();
        AtomicLong streamedChars = new AtomicLong();
        StreamHandle handle;
        try {
            handle = gateway.stream(request, new ModelStreamListener() {
                @Override
                public void onToken(String token) {
                    streamedChars.addAndGet(token.length());
                    listener.onToken(token);
                }

                @Override
                public void onComplete(ChatCompletion completion) {
                    if (recorded.compareAndSet(false, true)) {
                        record(
                                call,
                                completion.model(),
                                completion.inputTokens(),
                                completion.outputTokens(),
                                started,
                                null);
                    }
                    listener.onComplete(completion);
                }

                @Override
                public void onError(PantheraException error) {
                    if (recorded.compareAndSet(false, true)) {
                        long streamed = streamedChars.get();
                        // a stream that broke after tokens has consumed its input upstream
                        int in = streamed > 0 ? inputEstimate(request) : 0;
                        record(
                                call,
                                request,
                                in,
                                estimate(streamed),
                                started,
                                error.code().name());
                    }
                    listener.onError(error);
                }
            });
        } catch (PantheraException e) {
            record(call, request, 0, 0, started, e.code().name());
            throw e;
        }
        return new StreamHandle() {
            @Override
            public void cancel() {
                handle.cancel();
                if (recorded.compareAndSet(false, true)) {
                    record(call, request, inputEstimate(request), estimate(streamedChars.get()), started, CANCELLED);
                }
            }

            @Override
            public boolean isCancelled() {
                return handle.isCancelled();
            }
        };
    }

    private void record(Call call, ModelRequest request, int in, int out, long started, String error) {
        record(call, request.model(), in, out, started, error);
    }

    private void record(Call call, String model, int in, int out, long started, String error) {
        WalletPrincipal caller = call.caller();
        try {
            billing.recordLater(new ModelCall(
                    caller.walletAddress(),
                    caller.viaApiKey() ? caller.apiKey().id() : null,
                    call.nft().key(),
                    call.conversationId(),
                    model,
                    call.operation(),
                    in,
                    out,
                    Duration.ofNanos(System.nanoTime() - started),
                    error == null,
                    error,
                    clock.instant()));
        } catch (RuntimeException e) {
            log.warn(
                    "Model call of agent {} not recorded in the ledger ({})",
                    call.nft().key(),
                    e.getClass().getSimpleName());
        }
    }

    private static int inputEstimate(ModelRequest request) {
        int tokens = 0;
        for (var m : request.messages()) {
            tokens += ContextWindow.estimate(m.content());
        }
        return tokens;
    }

    private static int estimate(long chars) {
        return (int) Math.min(Integer.MAX_VALUE, (chars + 3) / 4);
    }
}
