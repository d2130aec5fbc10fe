package dev.panthera.identity.internal.session;

import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code sessions} and {@code used_refresh_tokens} tables. */
@Repository
class SessionRepository {

    private static final String COLUMNS =
            "session_id, wallet_address, chain, nft_collection, nft_token_id, nft_verified, auth_level,"
                    + " access_token_id, refresh_token_hash, created_at, expires_at, last_activity, ip_address, user_agent,"
                    + " revoked_at, revoked_reason";

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SessionRecord s) {
        jdbc.sql("insert into sessions (" + COLUMNS + ") values" + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        s.sessionId(),
                        s.walletAddress(),
                        s.chain().id(),
                        s.nftCollection(),
                        s.nftTokenId(),
                        s.nftVerified(),
                        s.authLevel().name().toLowerCase(Locale.ROOT),
                        s.accessTokenId(),
                        s.refreshTokenHash(),
                        ts(s.createdAt()),
                        ts(s.expiresAt()),
                        ts(s.lastActivity()),
                        s.ipAddress(),
                        s.userAgent(),
                        ts(s.revokedAt()),
                        s.revokedReason())
                .update();
    }

    Optional<SessionRecord> find(UUID sessionId) {
        return jdbc.sql("select " + COLUMNS + " from sessions where session_id = ?")
                .param(sessionId)
                .query(SessionRepository::map)
                .optional();
    }

    Optional<SessionRecord> findByRefreshHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from sessions where refresh_token_hash = ?")
                .param(hash)
                .query(SessionRepository::map)
                .optional();
    }

    Optional<UUID> sessionOfUsedRefreshHash(String hash) {
        return jdbc.sql("select session_id from used_refresh_tokens where token_hash = ?")
                .param(hash)
                .query(UUID.class)
                .optional();
    }

    /**
     * Swaps the refresh token only if {@code oldHash} is still the current one and the session is
     * live: of two concurrent refreshes with one token, exactly one wins.
     */
    boolean rotate(
            UUID sessionId, String oldHash, String newHash, String accessTokenId, Instant now, Instant expiresAt) {
        int changed = jdbc.sql("update sessions set refresh_token_hash = ?, access_token_id = ?, last_activity = ?,"
                        + " expires_at = ? where session_id = ? and refresh_token_hash = ? and revoked_at is null"
                        + " and expires_at > ?")
                .params(newHash, accessTokenId, ts(now), ts(expiresAt), sessionId, oldHash, ts(now))
                .update();
        if (changed == 1) {
            jdbc.sql("insert into used_refresh_tokens (token_hash, session_id, used_at) values (?, ?, ?)")
                    .params(oldHash, sessionId, ts(now))
                    .update();
        }
        return changed == 1;
    }

    /** True when this call revoked it (it was live). */
    boolean revoke(UUID sessionId, String reason, Instant now) {
        return jdbc.sql(
                                "update sessions set revoked_at = ?, revoked_reason = ? where session_id = ? and revoked_at is null")
                        .params(ts(now), reason, sessionId)
                        .update()
                == 1;
    }

    List<SessionRecord> activeForWallet(String walletAddress, Instant now, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from sessions where wallet_address = ? and revoked_at is null"
                        + " and expires_at > ? order by created_at desc limit ? offset ?")
                .params(walletAddress, ts(now), limit, offset)
                .query(SessionRepository::map)
                .list();
    }

    List<SessionRecord> activeForNft(String collection, String tokenId, Instant now) {
        return jdbc.sql("select " + COLUMNS + " from sessions where nft_collection = ? and nft_token_id = ?"
                        + " and revoked_at is null and expires_at > ?")
                .params(collection, tokenId, ts(now))
                .query(SessionRepository::map)
                .list();
    }

    void touch(UUID sessionId, Instant now) {
        jdbc.sql("update sessions set last_activity = ? where session_id = ? and last_activity < ?")
                .params(ts(now), sessionId, ts(now.minusSeconds(60)))
                .update();
    }

    /** Seed 001 retention: session rows are kept 30 days after they end. */
    int deleteEndedBefore(Instant cutoff) {
        return jdbc.sql("delete from sessions where expires_at < ? or revoked_at < ?")
                .params(ts(cutoff), ts(cutoff))
                .update();
    }

    private static SessionRecord map(ResultSet rs, int row) throws SQLException {
        return new SessionRecord(
                rs.getObject("session_id", UUID.class),
                rs.getString("wallet_address"),
                ChainFamily.fromId(rs.getString("chain")),
                rs.getString("nft_collection"),
                rs.getString("nft_token_id"),
                rs.getBoolean("nft_verified"),
                AuthLevel.valueOf(rs.getString("auth_level").toUpperCase(Locale.ROOT)),
                rs.getString("access_token_id"),
                rs.getString("refresh_token_hash"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("last_activity")),
                rs.getString("ip_address"),
                rs.getString("user_agent"),
                instant(rs.getTimestamp("revoked_at")),
                rs.getString("revoked_reason"));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
