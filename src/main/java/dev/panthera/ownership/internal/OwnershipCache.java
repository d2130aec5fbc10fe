package dev.panthera.ownership.internal;

import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code ownership_cache} table (seed 000 NFT Ownership Cache, keyed by collection too). */
@Repository
class OwnershipCache {

    private final JdbcClient jdbc;

    OwnershipCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OwnershipRecord> get(NftId nft) {
        return jdbc.sql("select collection, token_id, owner_address, block_height, last_verified from ownership_cache"
                        + " where collection = ? and token_id = ?")
                .params(nft.collection(), nft.tokenId())
                .query(OwnershipCache::map)
                .optional();
    }

    /** Stores an answer unless the cache already holds one from a later block. */
    void put(OwnershipRecord record) {
        jdbc.sql("insert into ownership_cache (collection, token_id, owner_address, last_verified, block_height)"
                        + " values (?, ?, ?, ?, ?) on conflict (collection, token_id) do update set"
                        + " owner_address = excluded.owner_address, last_verified = excluded.last_verified,"
                        + " block_height = excluded.block_height"
                        + " where ownership_cache.block_height <= excluded.block_height")
                .params(
                        record.nft().collection(),
                        record.nft().tokenId(),
                        record.ownerAddress(),
                        Timestamp.from(record.lastVerified()),
                        record.blockHeight())
                .update();
    }

    void evict(NftId nft) {
        jdbc.sql("delete from ownership_cache where collection = ? and token_id = ?")
                .params(nft.collection(), nft.tokenId())
                .update();
    }

    List<OwnershipRecord> ownedBy(String collection, String owner) {
        return jdbc.sql("select collection, token_id, owner_address, block_height, last_verified from ownership_cache"
                        + " where collection = ? and owner_address = ? order by token_id")
                .params(collection, owner)
                .query(OwnershipCache::map)
                .list();
    }

    /** Every token of the collection Panthera knows an owner of: what a polled chain re-checks. */
    List<OwnershipRecord> known(String collection) {
        return jdbc.sql("select collection, token_id, owner_address, block_height, last_verified from ownership_cache"
                        + " where collection = ? order by last_verified")
                .param(collection)
                .query(OwnershipCache::map)
                .list();
    }

    private static OwnershipRecord map(ResultSet rs, int row) throws SQLException {
        return new OwnershipRecord(
                new NftId(rs.getString("collection"), rs.getString("token_id")),
                rs.getString("owner_address"),
                rs.getLong("block_height"),
                rs.getTimestamp("last_verified").toInstant());
    }
}
