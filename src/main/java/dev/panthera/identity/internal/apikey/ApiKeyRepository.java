package dev.panthera.identity.internal.apikey;

import dev.panthera.identity.ChainFamily;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_keys} table. Every read is scoped to the owner's wallet, except the lookup by hash. */
@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "id, wallet_address, chain, name, key_prefix, agents, requests_per_minute,"
            + " tokens_per_minute, token_budget, budget_period, expires_at, created_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiKeyRecord k, byte[] keyHash) {
        jdbc.sql("insert into api_keys (" + COLUMNS
                        + ", key_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        k.id(),
                        k.walletAddress(),
                        k.chain().id(),
                        k.name(),
                        k.keyPrefix(),
                        k.agents().toArray(String[]::new),
                        k.requestsPerMinute(),
                        k.tokensPerMinute(),
                        k.tokenBudget(),
                        k.budgetPeriod(),
                        ts(k.expiresAt()),
                        ts(k.createdAt()),
                        ts(k.lastUsedAt()),
                        ts(k.revokedAt()),
                        keyHash)
                .update();
    }

    /**
     * Serialises key creation per wallet until the transaction ends, so two concurrent requests
     * cannot both pass the live-key count.
     */
    void lockWallet(String walletAddress) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
                .param("panthera:api_keys:" + walletAddress)
                .query((rs, row) -> row)
                .single();
    }

    int countLive(String walletAddress, Instant now) {
        return jdbc.sql("select count(*) from api_keys where wallet_address = ? and revoked_at is null"
                        + " and (expires_at is null or expires_at > ?)")
                .params(walletAddress, ts(now))
                .query(Integer.class)
                .single();
    }

    Optional<ApiKeyRecord> findByHash(byte[] keyHash) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where key_hash = ?")
                .param(keyHash)
                .query(ApiKeyRepository::map)
                .optional();
    }

    Optional<ApiKeyRecord> find(String walletAddress, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where id = ? and wallet_address = ?")
                .params(id, walletAddress)
                .query(ApiKeyRepository::map)
                .optional();
    }

    /** Newest first, revoked and expired keys included so the owner sees their history. */
    List<ApiKeyRecord> list(String walletAddress, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where wallet_address = ?"
                        + " order by created_at desc, id limit ? offset ?")
                .params(walletAddress, limit, offset)
                .query(ApiKeyRepository::map)
                .list();
    }

    /** True when the key is the wallet's; revoking twice keeps the first instant. */
    boolean revoke(String walletAddress, UUID id, Instant now) {
        return jdbc.sql("update api_keys set revoked_at = coalesce(revoked_at, ?) where id = ? and wallet_address = ?")
                        .params(ts(now), id, walletAddress)
                        .update()
                == 1;
    }

    /** Records use at most once per interval: of concurrent callers on any node, one writes. */
    void touch(UUID id, Instant now, Instant notAfter) {
        jdbc.sql("update api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(ts(now), id, ts(notAfter))
                .update();
    }

    private static ApiKeyRecord map(ResultSet rs, int row) throws SQLException {
        Array agents = rs.getArray("agents");
        return new ApiKeyRecord(
                rs.getObject("id", UUID.class),
                rs.getString("wallet_address"),
                ChainFamily.fromId(rs.getString("chain")),
                rs.getString("name"),
                rs.getString("key_prefix"),
                List.of((String[]) agents.getArray()),
                rs.getObject("requests_per_minute", Integer.class),
                rs.getObject("tokens_per_minute", Long.class),
                rs.getObject("token_budget", Long.class),
                rs.getString("budget_period"),
                instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
