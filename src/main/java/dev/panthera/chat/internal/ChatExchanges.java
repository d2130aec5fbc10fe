package dev.panthera.chat.internal;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentService;
import dev.panthera.agent.AgentView;
import dev.panthera.chat.ChatService.ChatReply;
import dev.panthera.chat.internal.ChatRepository.NewMessage;
import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelMessage;
import dev.panthera.llm.ModelRequest;
import dev.panthera.ownership.NftId;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.ProblemCode;
import dev.panthera.shared.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * One message's way through a conversation: the message is checked, room for the exchange is
 * reserved (so concurrent senders cannot overfill a conversation), the context is fitted, and the
 * user message and reply are stored sealed together once the model has answered. A failed or
 * cancelled exchange stores nothing and gives its room back. Callers check access first.
 */
@Component
class ChatExchanges {

    static final String USER = "user";
    static final String ASSISTANT = "assistant";
    /** History read back for the context window; the budget usually cuts it shorter. */
    private static final int HISTORY_READ = 200;

    private final AgentService agents;
    private final ChatRepository repository;
    private final SecretBox box;
    private final PantheraProperties.Chat limits;
    private final Clock clock;

    ChatExchanges(
            AgentService agents, ChatRepository repository, SecretBox box, PantheraProperties properties, Clock clock) {
        this.agents = agents;
        this.repository = repository;
        this.box = box;
        this.limits = properties.chat();
        this.clock = clock;
    }

    static String context(UUID conversationId) {
        return "panthera:chat:" + conversationId;
    }

    /** A stored message's text. */
    String open(StoredMessage m, UUID conversationId) {
        return new String(box.open(m.contentSealed(), context(conversationId)), StandardCharsets.UTF_8);
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

    /** Reserves room and builds the request; a new conversation when {@code conversationId} is null. */
    Exchange begin(String walletAddress, AgentView agent, String message, UUID conversationId) {
        checkMessage(message, limits.maxMessageChars());
        NftId nft = agent.nft();
        AgentConfig config = agent.config();
        String systemPrompt = agents.systemPrompt(agent);
        Instant now = clock.instant();
        boolean created = conversationId == null;
        UUID id = created ? UUID.randomUUID() : conversationId;
        List<ModelMessage> history = new ArrayList<>();
        if (created) {
            repository.insertConversation(
                    new ConversationRecord(id, nft.collection(), nft.tokenId(), walletAddress, null, 0, 0, now, now));
        } else {
            ConversationRecord c = repository
                    .find(conversationId)
                    .filter(r ->
                            r.ownerAddress().equals(walletAddress) && r.nft().equals(nft))
                    .orElseThrow(() -> PantheraException.notFound(
                            "No conversation " + conversationId + " with this agent for this wallet"));
            if (c.messageCount() + 2 > limits.maxMessages()) {
                throw full(id, limits.maxMessages());
            }
            List<StoredMessage> newestFirst = repository.messages(id, HISTORY_READ, 0);
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                StoredMessage m = newestFirst.get(i);
                String text = open(m, id);
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
    final class Exchange {

        private final NftId nft;
        private final UUID conversationId;
        private final boolean created;
        private final String message;
        private final ModelRequest request;

        private Exchange(NftId nft, UUID conversationId, boolean created, String message, ModelRequest request) {
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

        /** Stores the user message and the reply, sealed, in one transaction. */
        ChatReply finish(ChatCompletion completion, Map<String, String> limits) {
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
                    completion.content(), conversationId, now, completion.totalTokens(), completion.model(), limits);
        }

        /** Gives the reserved room back (a new conversation goes altogether). */
        void abandon() {
            if (created) {
                repository.delete(conversationId);
            } else {
                repository.release(conversationId, 2);
            }
        }
    }
}
