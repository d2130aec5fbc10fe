package dev.panthera.ownership.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code chain_cursors}: the last block whose transfers each collection has applied. */
@Repository
class ChainCursors {

    private final JdbcClient jdbc;

    ChainCursors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> get(String collection) {
        return jdbc.sql("select last_block from chain_cursors where collection = ?")
                .param(collection)
                .query(Long.class)
                .optional();
    }

    void set(String collection, long block, Instant now) {
        jdbc.sql("insert into chain_cursors (collection, last_block, updated_at) values (?, ?, ?)"
                        + " on conflict (collection) do update set last_block = excluded.last_block,"
                        + " updated_at = excluded.updated_at")
                .params(collection, block, Timestamp.from(now))
                .update();
    }
}
