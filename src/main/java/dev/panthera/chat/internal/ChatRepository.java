package dev.panthera.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code conversations} and {@code chat_messages} tables. Content arrives here sealed. */
@Repository
class ChatRepository {

    private static final String COLUMNS = "conversation_id, collection, token_id, owner_address, title, message_count,"
            + " token_count, created_at, updated_at";

    private final JdbcClient jdbc;

    ChatRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertConversation(ConversationRecord c) {
        jdbc.sql("insert into conversations (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        c.conversationId(),
                        c.collection(),
                        c.tokenId(),
                        c.ownerAddress(),
                        c.title(),
                        c.messageCount(),
                        c.tokenCount(),
                        ts(c.createdAt()),
                        ts(c.updatedAt()))
                .update();
    }

    Optional<ConversationRecord> find(UUID conversationId) {
        return jdbc.sql("select " + COLUMNS + " from conversations where conversation_id = ?")
                .param(conversationId)
                .query(ChatRepository::map)
                .optional();
    }

    List<ConversationRecord> list(String ownerAddress, String collection, String tokenId, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from conversations where owner_address = ? and collection = ?"
                        + " and token_id = ? order by updated_at desc, conversation_id limit ? offset ?")
                .params(ownerAddress, collection, tokenId, limit, offset)
                .query(ChatRepository::map)
                .list();
    }

    /**
     * Reserves room for {@code count} messages, if the conversation has it; of concurrent sends to a
     * full conversation only those that fit win.
     */
    boolean reserve(UUID conversationId, int count, int max) {
        return jdbc.sql("update conversations set message_count = message_count + ?"
                                + " where conversation_id = ? and message_count + ? <= ?")
                        .params(count, conversationId, count, max)
                        .update()
                == 1;
    }

    void release(UUID conversationId, int count) {
        jdbc.sql("update conversations set message_count = greatest(message_count - ?, 0) where conversation_id = ?")
                .params(count, conversationId)
                .update();
    }

    /** Stores one exchange (the room was reserved) and counts its tokens. */
    @Transactional
    void storeExchange(UUID conversationId, List<NewMessage> messages, long tokens, Instant now) {
        for (NewMessage m : messages) {
            jdbc.sql("insert into chat_messages (conversation_id, role, content_sealed, tokens_in, tokens_out, model,"
                            + " created_at) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            conversationId,
                            m.role(),
                            m.contentSealed(),
                            m.tokensIn(),
                            m.tokensOut(),
                            m.model(),
                            ts(now))
                    .update();
        }
        jdbc.sql("update conversations set token_count = token_count + ?, updated_at = ? where conversation_id = ?")
                .params(tokens, ts(now), conversationId)
                .update();
    }

    record NewMessage(String role, byte[] contentSealed, int tokensIn, int tokensOut, String model) {}

    /** Newest first. */
    List<StoredMessage> messages(UUID conversationId, int limit, int offset) {
        return jdbc.sql("select id, role, content_sealed, tokens_in, tokens_out, model, created_at from chat_messages"
                        + " where conversation_id = ? order by id desc limit ? offset ?")
                .params(conversationId, limit, offset)
                .query((rs, n) -> new StoredMessage(
                        rs.getLong("id"),
                        rs.getString("role"),
                        rs.getBytes("content_sealed"),
                        rs.getInt("tokens_in"),
                        rs.getInt("tokens_out"),
                        rs.getString("model"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Transactional
    int clear(UUID conversationId, Instant now) {
        int deleted = jdbc.sql("delete from chat_messages where conversation_id = ?")
                .param(conversationId)
                .update();
        jdbc.sql("update conversations set message_count = 0, updated_at = ? where conversation_id = ?")
                .params(ts(now), conversationId)
                .update();
        return deleted;
    }

    boolean delete(UUID conversationId) {
        return jdbc.sql("delete from conversations where conversation_id = ?")
                        .param(conversationId)
                        .update()
                == 1;
    }

    /** Conversations last active before the cutoff go with their messages. Idempotent. */
    int deleteConversationsBefore(Instant cutoff) {
        return jdbc.sql("delete from conversations where updated_at < ?")
                .param(ts(cutoff))
                .update();
    }

    /** Messages older than the cutoff go and counts follow; returns the conversations trimmed. Idempotent. */
    int deleteMessagesBefore(Instant cutoff) {
        return jdbc.sql("with gone as (delete from chat_messages where created_at < ? returning conversation_id),"
                        + " counts as (select conversation_id, count(*) as n from gone group by conversation_id)"
                        + " update conversations c set message_count = greatest(c.message_count - counts.n, 0)"
                        + " from counts where c.conversation_id = counts.conversation_id")
                .param(ts(cutoff))
                .update();
    }

    private static ConversationRecord map(ResultSet rs, int row) throws SQLException {
        return new ConversationRecord(
                rs.getObject("conversation_id", UUID.class),
                rs.getString("collection"),
                rs.getString("token_id"),
                rs.getString("owner_address"),
                rs.getString("title"),
                rs.getInt("message_count"),
                rs.getLong("token_count"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
