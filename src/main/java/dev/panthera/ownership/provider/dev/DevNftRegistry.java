package dev.panthera.ownership.provider.dev;

import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.ChainTransfer;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dev chain's state: {@code dev_nfts} (owner and token URI of each minted token) and
 * {@code dev_nft_transfers}, whose ids are the chain's block heights. Minting is open, like a
 * public mint; a transfer needs the current owner (or an admin), like a signed transaction.
 */
@Repository
public class DevNftRegistry {

    private final JdbcClient jdbc;
    private final Clock clock;

    DevNftRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record DevToken(String collection, String tokenId, String ownerAddress, String tokenUri, long block) {}

    @Transactional
    public DevToken mint(String collection, String tokenId, String to, String tokenUri) {
        Instant now = clock.instant();
        int inserted = jdbc.sql("insert into dev_nfts (collection, token_id, owner_address, token_uri, minted_at,"
                        + " updated_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(collection, tokenId, to, tokenUri, Timestamp.from(now), Timestamp.from(now))
                .update();
        if (inserted == 0) {
            throw new PantheraException(
                    ProblemCode.CONFLICT, "Token " + collection + "/" + tokenId + " is already minted");
        }
        return new DevToken(collection, tokenId, to, tokenUri, log(collection, tokenId, null, to, now));
    }

    /** Moves the token if {@code from} still owns it; otherwise NOT_OWNER. */
    @Transactional
    public DevToken transfer(String collection, String tokenId, String from, String to) {
        Instant now = clock.instant();
        int changed = jdbc.sql("update dev_nfts set owner_address = ?, updated_at = ? where collection = ?"
                        + " and token_id = ? and owner_address = ?")
                .params(to, Timestamp.from(now), collection, tokenId, from)
                .update();
        if (changed == 0) {
            find(collection, tokenId)
                    .orElseThrow(
                            () -> PantheraException.notFound("Token " + collection + "/" + tokenId + " is not minted"));
            throw new PantheraException(
                    ProblemCode.NOT_OWNER, "Only the owner can transfer " + collection + "/" + tokenId);
        }
        DevToken token = find(collection, tokenId).orElseThrow();
        return new DevToken(collection, tokenId, to, token.tokenUri(), log(collection, tokenId, from, to, now));
    }

    public Optional<DevToken> find(String collection, String tokenId) {
        return jdbc.sql("select n.collection, n.token_id, n.owner_address, n.token_uri, coalesce((select max(t.id) from"
                        + " dev_nft_transfers t where t.collection = n.collection and t.token_id = n.token_id), 0) as block"
                        + " from dev_nfts n where n.collection = ? and n.token_id = ?")
                .params(collection, tokenId)
                .query((rs, row) -> new DevToken(
                        rs.getString("collection"),
                        rs.getString("token_id"),
                        rs.getString("owner_address"),
                        rs.getString("token_uri"),
                        rs.getLong("block")))
                .optional();
    }

    Optional<ChainOwner> ownerOf(String collection, String tokenId) {
        return find(collection, tokenId).map(t -> new ChainOwner(t.ownerAddress(), t.block()));
    }

    List<String> tokensOf(String collection, String owner) {
        return jdbc.sql("select token_id from dev_nfts where collection = ? and owner_address = ? order by minted_at")
                .params(collection, owner)
                .query(String.class)
                .list();
    }

    List<ChainTransfer> transfersAfter(String collection, long afterBlock, int limit) {
        return jdbc.sql("select id, token_id, from_address, to_address from dev_nft_transfers where collection = ?"
                        + " and id > ? order by id limit ?")
                .params(collection, afterBlock, limit)
                .query((rs, row) -> new ChainTransfer(
                        rs.getString("token_id"),
                        rs.getString("from_address"),
                        rs.getString("to_address"),
                        rs.getLong("id"),
                        "dev:" + rs.getLong("id"),
                        0))
                .list();
    }

    private long log(String collection, String tokenId, String from, String to, Instant now) {
        return jdbc.sql("insert into dev_nft_transfers (collection, token_id, from_address, to_address, created_at)"
                        + " values (?, ?, ?, ?, ?) returning id")
                .params(collection, tokenId, from, to, Timestamp.from(now))
                .query(Long.class)
                .single();
    }
}
