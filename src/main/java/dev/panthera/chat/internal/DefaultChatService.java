package dev.panthera.chat.internal;

import dev.panthera.chat.ChatService;
import dev.panthera.chat.internal.ChatExchanges.Exchange;
import dev.panthera.chat.internal.MeteredModels.Call;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.ownership.NftId;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Service;

/**
 * Access first (key scope, ownership, agent status), then room in the conversation, then the
 * caller's model-call limits, then the metered model; see {@link ChatExchanges} for how an exchange
 * is stored or given back. Nothing here logs chat content.
 */
@Service
class DefaultChatService implements ChatService {

    static final String CHAT = "chat";
    static final String CHAT_STREAM = "chat_stream";

    private final ChatAccess access;
    private final ChatExchanges exchanges;
    private final MeteredModels models;
    private final ChatRepository repository;
    private final Clock clock;

    DefaultChatService(
            ChatAccess access, ChatExchanges exchanges, MeteredModels models, ChatRepository repository, Clock clock) {
        this.access = access;
        this.exchanges = exchanges;
        this.models = models;
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public ChatReply send(WalletPrincipal caller, NftId nft, String message, UUID conversationId) {
        Exchange exchange = begin(caller, nft, message, conversationId);
        Map<String, String> limits = admit(caller, exchange);
        ChatCompletion completion;
        try {
            completion = models.complete(new Call(caller, nft, exchange.conversationId(), CHAT), exchange.request());
        } catch (RuntimeException e) {
            exchange.abandon();
            throw e;
        }
        return exchange.finish(completion, limits);
    }

    @Override
    public ChatStream stream(
            WalletPrincipal caller, NftId nft, String message, UUID conversationId, ChatListener listener) {
        Exchange exchange = begin(caller, nft, message, conversationId);
        Map<String, String> limits = admit(caller, exchange);
        AtomicBoolean done = new AtomicBoolean();
        StreamHandle handle;
        try {
            handle = models.stream(
                    new Call(caller, nft, exchange.conversationId(), CHAT_STREAM),
                    exchange.request(),
                    new Relay(exchange, limits, done, listener));
        } catch (RuntimeException e) {
            exchange.abandon();
            throw e;
        }
        UUID id = exchange.conversationId();
        return new ChatStream() {
            @Override
            public UUID conversationId() {
                return id;
            }

            @Override
            public Map<String, String> limits() {
                return limits;
            }

            @Override
            public void cancel() {
                if (done.compareAndSet(false, true)) {
                    handle.cancel();
                    exchange.abandon();
                }
            }
        };
    }

    @Override
    public List<ConversationSummary> conversations(WalletPrincipal caller, NftId nft, int limit, int offset) {
        access.requireReader(caller, nft);
        return repository.list(caller.walletAddress(), nft.collection(), nft.tokenId(), limit, offset).stream()
                .map(ConversationRecord::summary)
                .toList();
    }

    @Override
    public ConversationMessages messages(WalletPrincipal caller, UUID conversationId, int limit, int offset) {
        ConversationRecord c = owned(caller, conversationId);
        List<ChatMessage> page = repository.messages(c.conversationId(), limit, offset).stream()
                .map(m -> new ChatMessage(
                        m.id(),
                        m.role(),
                        exchanges.open(m, c.conversationId()),
                        m.tokensIn(),
                        m.tokensOut(),
                        m.model(),
                        m.createdAt()))
                .toList();
        return new ConversationMessages(c.summary(), page);
    }

    @Override
    public int clear(WalletPrincipal caller, UUID conversationId) {
        return repository.clear(owned(caller, conversationId).conversationId(), clock.instant());
    }

    @Override
    public void delete(WalletPrincipal caller, UUID conversationId) {
        repository.delete(owned(caller, conversationId).conversationId());
    }

    /** The wallet's conversation, when the caller may still read the agent; NOT_FOUND otherwise. */
    private ConversationRecord owned(WalletPrincipal caller, UUID conversationId) {
        ConversationRecord c = repository
                .find(conversationId)
                .filter(r -> r.ownerAddress().equals(caller.walletAddress()))
                .orElseThrow(() -> PantheraException.notFound("No conversation " + conversationId));
        access.requireReader(caller, c.nft());
        return c;
    }

    private Exchange begin(WalletPrincipal caller, NftId nft, String message, UUID conversationId) {
        return exchanges.begin(caller.walletAddress(), access.requireSender(caller, nft), message, conversationId);
    }

    /** Billing's admission, after the room is reserved: a refused call gives the room back. */
    private Map<String, String> admit(WalletPrincipal caller, Exchange exchange) {
        try {
            return models.admit(caller);
        } catch (RuntimeException e) {
            exchange.abandon();
            throw e;
        }
    }

    /** Passes the model's stream on and stores the exchange when it completes. */
    private static final class Relay implements ModelStreamListener {

        private final Exchange exchange;
        private final Map<String, String> limits;
        private final AtomicBoolean done;
        private final ChatListener listener;

        Relay(Exchange exchange, Map<String, String> limits, AtomicBoolean done, ChatListener listener) {
            this.exchange = exchange;
            this.limits = limits;
            this.done = done;
            this.listener = listener;
        }

        @Override
        public void onToken(String token) {
            if (!done.get()) {
                listener.onToken(token);
            }
        }

        @Override
        public void onComplete(ChatCompletion completion) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            ChatReply reply;
            try {
                reply = exchange.finish(completion, limits);
            } catch (PantheraException e) {
                listener.onError(e);
                return;
            } catch (RuntimeException e) {
                listener.onError(new PantheraException(ProblemCode.INTERNAL, "The reply could not be stored"));
                return;
            }
            listener.onComplete(reply);
        }

        @Override
        public void onError(PantheraException error) {
            if (done.compareAndSet(false, true)) {
                exchange.abandon();
                listener.onError(error);
            }
        }
    }
}
