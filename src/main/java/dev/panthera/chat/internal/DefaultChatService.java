package dev.panthera.chat.internal;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentService;
import dev.panthera.chat.ChatService;
import dev.panthera.chat.internal.ChatRepository.NewMessage;
import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelGateway;
import dev.panthera.llm.ModelMessage;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.ProblemCode;
import dev.panthera.shared.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;

/**
 * Ownership first, then limits, then the model: a message is checked, room for the exchange is
 * reserved in the conversation, the context is fitted, and the user message and reply are stored
 * sealed together once the model has answered. A failed or cancelled exchange stores nothing and
 * gives its room back. Nothing here logs chat content.
 */
@Service
class DefaultChatService implements ChatService {

    static final String USER = "user";
    static final String ASSISTANT = "assistant";
    /** History read back for the context window; the budget usually cuts it shorter. */
    private static final int HISTORY_READ = 200;

    private final OwnershipService ownership;
    private final AgentService agents;
    private final ModelGateway gateway;
    private final ChatRepository repository;
    private final SecretBox box;
    private final PantheraProperties.Chat limits;
    private final Clock clock;

    DefaultChatService(
            OwnershipService ownership,
            AgentService agents,
            ModelGateway gateway,
            ChatRepository repository,
            SecretBox box,
            PantheraProperties properties,
            Clock clock) {
        this.ownership = ownership;
        this.agents = agents;
        this.gateway = gateway;
        this.repository = repository;
        this.box = box;
        this.limits = properties.chat();
        this.clock = clock;
    }

    @Override
    public ChatReply send(String walletAddress, NftId nft, String message, UUID conversationId) {
        Exchange exchange = begin(walletAddress, nft, message, conversationId);
        ChatCompletion completion;
        try {
            completion = gateway.complete(exchange.request());
        } catch (RuntimeException e) {
            exchange.abandon();
            throw e;
        }
        return exchange.finish(completion);
    }

    @Override
    public ChatStream stream(
            String walletAddress, NftId nft, String message, UUID conversationId, ChatListener listener) {
        Exchange exchange = begin(walletAddress, nft, message, conversationId);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<StreamHandle> handle = new AtomicReference<>();
        StreamHandle started;
        try {
            started = gateway.stream(exchange.request(), new ModelStreamListener() {
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
                        reply = exchange.finish(completion);
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
            });
        } catch (RuntimeException e) {
            exchange.abandon();
            throw e;
        }
        handle.set(started);
        UUID id = exchange.conversationId();
        return new ChatStream() {
            @Override
            public UUID conversationId() {
                return id;
            }

            @Override
            public void cancel() {
                if (done.compareAndSet(false, true)) {
                    handle.get().cancel();
                    exchange.abandon();
                }
            }
        };
    }

    @Override
    public List<ConversationSummary> conversations(String walletAddress, NftId nft, int limit, int offset) {
        ownership.requireOwner(nft, walletAddress);
        return repository.list(walletAddress, nft.collection(), nft.tokenId(), limit, offset).stream()
                .map(ConversationRecord::summary)
                .toList();
    }

    @Override
    public ConversationMessages messages(String walletAddress, UUID conversationId, int limit, int offset) {
        ConversationRecord c = owned(walletAddress, conversationId);
        String context = context(c.conversationId());
        List<ChatMessage> page = repository.messages(c.conversationId(), limit, offset).stream()
                .map(m -> new ChatMessage(
                        m.id(),
                        m.role(),
                        new String(box.open(m.contentSealed(), context), StandardCharsets.UTF_8),
                        m.tokensIn(),
                        m.tokensOut(),
                        m.model(),
                        m.createdAt()))
                .toList();
        return new ConversationMessages(c.summary(), page);
    }

    @Override
    public int clear(String walletAddress, UUID conversationId) {
        ConversationRecord c = owned(walletAddress, conversationId);
        return repository.clear(c.conversationId(), clock.instant());
    }

    @Override
    public void delete(String walletAddress, UUID conversationId) {
        ConversationRecord c = owned(walletAddress, conversationId);
        repository.delete(c.conversationId());
    }

    /** The wallet's conversation, when it still owns the agent; NOT_FOUND / NOT_OWNER otherwise. */
    private ConversationRecord owned(String walletAddress, UUID conversationId) {
        ConversationRecord c = repository
                .find(conversationId)
                .filter(r -> r.ownerAddress().equals(walletAddress))
                .orElseThrow(() -> PantheraException.notFound("No conversation " + conversationId));
        ownership.requireOwner(c.nft(), walletAddress);
        return c;
    }

    static String context(UUID conversationId) {
        return "panthera:chat:" + conversationId;
    }

    static void checkMessage(String message, int maxChars) {
        if (message == null || message.isBlank()) {
            throw PantheraException.validation("message must not be empty");
        }
        if (message.length() > maxChars) {
            throw PantheraException.validation(
                    "message is " + message.length() + " characters; at most " + maxChars + " are allowed");
        }
    }

    static PantheraException full(UUID conversationId, int max) {
        return new PantheraException(
                ProblemCode.CONFLICT,
                "Conversation " + conversationId + " has reached its limit of " + max
                        + " messages: start a new conversation (send without conversation_id)");
    }

    private Exchange begin(String walletAddress, NftId nft, String message, UUID conversationId) {
        ownership.requireOwner(nft, walletAddress);
        checkMessage(message, limits.maxMessageChars());
        AgentConfig config = agents.config(nft);
        String systemPrompt = agents.systemPrompt(nft);
        Instant now = clock.instant();
        boolean created;
        UUID id;
        List<ModelMessage> history = new ArrayList<>();
        if (conversationId == null) {
            id = UUID.randomUUID();
            repository.insertConversation(
                    new ConversationRecord(id, nft.collection(), nft.tokenId(), walletAddress, null, 0, 0, now, now));
            created = true;
        } else {
            ConversationRecord c = repository
                    .find(conversationId)
                    .filter(r ->
                            r.ownerAddress().equals(walletAddress) && r.nft().equals(nft))
                    .orElseThrow(() -> PantheraException.notFound(
                            "No conversation " + conversationId + " with this agent for this wallet"));
            id = c.conversationId();
            created = false;
            if (c.messageCount() + 2 > limits.maxMessages()) {
                throw full(id, limits.maxMessages());
            }
            String context = context(id);
            List<StoredMessage> newestFirst = repository.messages(id, HISTORY_READ, 0);
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                StoredMessage m = newestFirst.get(i);
                String text = new String(box.open(m.contentSealed(), context), StandardCharsets.UTF_8);
                history.add(USER.equals(m.role()) ? ModelMessage.user(text) : ModelMessage.assistant(text));
            }
        }
        if (!repository.reserve(id, 2, limits.maxMessages())) {
            throw full(id, limits.maxMessages());
        }
        List<ModelMessage> context = ContextWindow.fit(systemPrompt, history, message, limits.contextTokens());
        ModelRequest request = new ModelRequest(config.model(), context, config.temperature(), config.maxTokens());
        return new Exchange(nft, id, created, message, request);
    }

    /** One message on its way: room reserved, context built. */
    private final class Exchange {

        private final NftId nft;
        private final UUID conversationId;
        private final boolean created;
        private final String message;
        private final ModelRequest request;

        Exchange(NftId nft, UUID conversationId, boolean created, String message, ModelRequest request) {
            this.nft = nft;
            this.conversationId = conversationId;
            this.created = created;
            this.message = message;
            this.request = request;
        }

        UUID conversationId() {
            return conversationId;
        }

        ModelRequest request() {
            return request;
        }

        ChatReply finish(ChatCompletion completion) {
            Instant now = clock.instant();
            String context = context(conversationId);
            List<NewMessage> rows = List.of(
                    new NewMessage(
                            USER,
                            box.seal(message.getBytes(StandardCharsets.UTF_8), context),
                            ContextWindow.estimate(message),
                            0,
                            null),
                    new NewMessage(
                            ASSISTANT,
                            box.seal(completion.content().getBytes(StandardCharsets.UTF_8), context),
                            completion.inputTokens(),
                            completion.outputTokens(),
                            completion.model()));
            repository.storeExchange(conversationId, rows, completion.totalTokens(), now);
            agents.markActive(nft);
            return new ChatReply(
                    completion.content(), conversationId, now, completion.totalTokens(), completion.model());
        }

        void abandon() {
            if (created) {
                repository.delete(conversationId);
            } else {
                repository.release(conversationId, 2);
            }
        }
    }
}
