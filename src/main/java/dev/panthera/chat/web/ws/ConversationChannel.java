package dev.panthera.chat.web.ws;

import dev.panthera.chat.ChannelKind;
import dev.panthera.chat.ChatService;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code conversation:<uuid>}: the messages of one conversation, for its owner only. Reading one
 * message of it through the chat service is the ownership check (NOT_FOUND for someone else's
 * conversation, NOT_OWNER once the NFT has moved on).
 */
@Component
final class ConversationChannel implements ChannelKind {

    static final String NAME = "conversation";

    private final ChatService chat;

    ConversationChannel(ChatService chat) {
        this.chat = chat;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String authorize(WalletPrincipal caller, String id) {
        UUID conversationId = parse(id);
        chat.messages(caller, conversationId, 1, 0);
        return conversationId.toString();
    }

    @Override
    public String canonical(String id) {
        return parse(id).toString();
    }

    private static UUID parse(String id) {
        try {
            if (id.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw PantheraException.validation("A conversation channel is conversation:<uuid>");
        }
    }
}
