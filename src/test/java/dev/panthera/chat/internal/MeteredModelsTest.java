package dev.panthera.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.billing.BillingService;
import dev.panthera.identity.ApiKeyGrant;
import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelGateway;
import dev.panthera.llm.ModelMessage;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.RecordingListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.ownership.NftId;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every model call is recorded exactly once, whatever way it ends, and never with content. */
class MeteredModelsTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final NftId NFT = new NftId("panthers", "7");
    static final ModelRequest REQUEST =
            new ModelRequest("deepseek-chat", List.of(ModelMessage.user("x".repeat(40))), 0.7, 100);
    static final ChatCompletion ANSWER =
            new ChatCompletion("hello there", "deepseek-chat", "deepseek", 12, 3, "stop", Map.of());

    final Ledger ledger = new Ledger();
    final ScriptedGateway gateway = new ScriptedGateway();
    final MeteredModels models = new MeteredModels(gateway, ledger, Clock.fixed(NOW, ZoneOffset.UTC));
    final UUID keyId = UUID.randomUUID();
    final WalletPrincipal keyCaller = new WalletPrincipal(
            "0xabc",
            ChainFamily.EVM,
            null,
            null,
            null,
            AuthLevel.USER,
            null,
            new ApiKeyGrant(keyId, "ci", Set.of("panthers/7"), null, null, null, null, null));
    final UUID conversation = UUID.randomUUID();
    final MeteredModels.Call call = new MeteredModels.Call(keyCaller, NFT, conversation, "chat");

    @Test
    void aCompletionIsRecordedWithTheUpstreamsTokensAndTheKey() {
        gateway.answer = ANSWER;
        assertThat(models.complete(call, REQUEST).content()).isEqualTo("hello there");
        assertThat(ledger.calls).singleElement().satisfies(c -> {
            assertThat(c.walletAddress()).isEqualTo("0xabc");
            assertThat(c.apiKeyId()).isEqualTo(keyId);
            assertThat(c.agentId()).isEqualTo("panthers/7");
            assertThat(c.conversationId()).isEqualTo(conversation);
            assertThat(c.tokensIn()).isEqualTo(12);
            assertThat(c.tokensOut()).isEqualTo(3);
            assertThat(c.success()).isTrue();
            assertThat(c.errorCode()).isNull();
            assertThat(c.at()).isEqualTo(NOW);
        });
    }

    @Test
    void aFailedCompletionIsRecordedAsFailedWithItsCodeAndRethrown() {
        gateway.failure = new PantheraException(ProblemCode.UPSTREAM_UNAVAILABLE, "down");
        assertThatThrownBy(() -> models.complete(call, REQUEST)).isSameAs(gateway.failure);
        assertThat(ledger.calls).singleElement().satisfies(c -> {
            assertThat(c.success()).isFalse();
            assertThat(c.errorCode()).isEqualTo("UPSTREAM_UNAVAILABLE");
            assertThat(c.tokensIn() + c.tokensOut()).isZero();
        });
    }

    @Test
    void aStreamIsRecordedOnceWhenItCompletesEvenIfCancelledAfter() {
        RecordingListener listener = new RecordingListener();
        StreamHandle handle = models.stream(call, REQUEST, listener);
        gateway.listener.get().onToken("hello ");
        gateway.listener.get().onComplete(ANSWER);
        handle.cancel();
        assertThat(listener.tokens).containsExactly("hello ");
        assertThat(listener.completed).isCompletedWithValue(ANSWER);
        assertThat(ledger.calls).singleElement().satisfies(c -> {
            assertThat(c.success()).isTrue();
            assertThat(c.tokensOut()).isEqualTo(3);
        });
    }

    @Test
    void aCancelledStreamIsChargedWhatItConsumedByEstimate() {
        StreamHandle handle = models.stream(call, REQUEST, new RecordingListener());
        gateway.listener.get().onToken("12345678");
        handle.cancel();
        handle.cancel();
        assertThat(gateway.cancelled.get()).isTrue();
        assertThat(ledger.calls).singleElement().satisfies(c -> {
            assertThat(c.success()).isFalse();
            assertThat(c.errorCode()).isEqualTo(MeteredModels.CANCELLED);
            assertThat(c.tokensIn()).isEqualTo(10); // 40 characters
            assertThat(c.tokensOut()).isEqualTo(2); // 8 characters
        });
    }

    @Test
    void aStreamThatFailsBeforeAnyTokenIsChargedNothing() {
        RecordingListener listener = new RecordingListener();
        models.stream(call, REQUEST, listener);
        gateway.listener.get().onError(new PantheraException(ProblemCode.RATE_LIMITED, "slow down"));
        assertThat(listener.failed).isDone();
        assertThat(ledger.calls).singleElement().satisfies(c -> {
            assertThat(c.errorCode()).isEqualTo("RATE_LIMITED");
            assertThat(c.tokensIn() + c.tokensOut()).isZero();
        });
    }

    @Test
    void aLedgerThatCannotBeWrittenDoesNotFailTheAnswer() {
        gateway.answer = ANSWER;
        ledger.broken = true;
        assertThat(models.complete(call, REQUEST)).isEqualTo(ANSWER);
    }

    @Test
    void admissionIsBillingsAndItsRefusalPropagates() {
        assertThat(models.admit(keyCaller)).containsEntry("X-RateLimit-Limit-Requests", "60");
        ledger.refuse = new PantheraException(ProblemCode.QUOTA_EXCEEDED, "budget spent");
        assertThatThrownBy(() -> models.admit(keyCaller)).isSameAs(ledger.refuse);
    }

    static final class Ledger implements BillingService {
        final List<ModelCall> calls = new CopyOnWriteArrayList<>();
        volatile boolean broken;
        volatile PantheraException refuse;

        @Override
        public Admission admit(WalletPrincipal caller) {
            if (refuse != null) {
                throw refuse;
            }
            return new Admission(Map.of("X-RateLimit-Limit-Requests", "60"));
        }

        @Override
        public void record(ModelCall call) {
            if (broken) {
                throw new IllegalStateException("database down");
            }
            calls.add(call);
        }

        @Override
        public void recordLater(ModelCall call) {
            record(call); // the metering is what is under test, not when the ledger row lands
        }

        @Override
        public UsageReport usage(WalletPrincipal caller, LocalDate from, LocalDate to) {
            throw new UnsupportedOperationException();
        }
    }

    static final class ScriptedGateway implements ModelGateway {
        ChatCompletion answer;
        PantheraException failure;
        final AtomicReference<ModelStreamListener> listener = new AtomicReference<>();
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public ChatCompletion complete(ModelRequest request) {
            if (failure != null) {
                throw failure;
            }
            return answer;
        }

        @Override
        public StreamHandle stream(ModelRequest request, ModelStreamListener l) {
            listener.set(l);
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
    }
}
