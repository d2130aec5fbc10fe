package dev.panthera.chat.web.ws;

import dev.panthera.shared.PantheraException;
import java.util.UUID;

/** One frame from the client, parsed and checked by {@link ClientFrames}. */
sealed interface ClientFrame {

    /** The client's id for the request, echoed on the frames that answer it; may be null. */
    String requestId();

    /** {@code {"type":"auth","data":{"token":...}}} */
    record Auth(String token, String requestId) implements ClientFrame {

        @Override
        public String toString() {
            return "Auth[token=<redacted>, requestId=" + requestId + "]";
        }
    }

    /** {@code {"type":"message","conversation_id":...,"data":{"collection","nft_token_id","content"}}} */
    record Send(UUID conversationId, String collection, String tokenId, String content, String requestId)
            implements ClientFrame {

        @Override
        public String toString() {
            return "Send[conversationId=" + conversationId + ", collection=" + collection + ", tokenId=" + tokenId
                    + ", content=<" + content.length() + " chars>, requestId=" + requestId + "]";
        }
    }

    record Subscribe(String channel, String requestId) implements ClientFrame {}

    record Unsubscribe(String channel, String requestId) implements ClientFrame {}

    record Cancel(UUID conversationId, String requestId) implements ClientFrame {}

    record Ping(String requestId) implements ClientFrame {}

    /** A frame that could not be used; {@code error} says why (VALIDATION_FAILED). */
    record Invalid(PantheraException error, UUID conversationId, String requestId) implements ClientFrame {}
}
