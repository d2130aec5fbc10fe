package dev.panthera.ownership.internal;

import dev.panthera.ownership.NftId;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Seed 001 {@code nft_verifications}: each ownership check somebody asked for, and its answer. */
@Repository
class NftVerifications {

    enum Status {
        VERIFIED,
        NOT_OWNER,
        NOT_FOUND,
        UNAVAILABLE
    }

    private final JdbcClient jdbc;

    NftVerifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String wallet, NftId nft, String contract, Status status, Long blockHeight, Instant at) {
        jdbc.sql("insert into nft_verifications (wallet_address, collection, contract_address, token_id,"
                        + " verification_status, block_height, verified_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        wallet,
                        nft.collection(),
                        contract,
                        nft.tokenId(),
                        status.name().toLowerCase(java.util.Locale.ROOT),
                        blockHeight,
                        Timestamp.from(at))
                .update();
    }
}
