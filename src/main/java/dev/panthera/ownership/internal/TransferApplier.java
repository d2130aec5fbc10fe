package dev.panthera.ownership.internal;

import dev.panthera.identity.IdentityService;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipRecord;
import dev.panthera.ownership.OwnershipTransferred;
import dev.panthera.ownership.spi.ChainTransfer;
import dev.panthera.shared.PantheraProperties.Collection;
import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a change of owner does, once per transfer (the event table's unique key makes a replay a
 * no-op): record the seed 000 NFT Transfer Event, update the cache, revoke every session bound to
 * the NFT but the new owner's, and publish {@link OwnershipTransferred}.
 */
@Component
class TransferApplier {

    private static final Logger log = LoggerFactory.getLogger(TransferApplier.class);

    private final JdbcClient jdbc;
    private final OwnershipCache cache;
    private final HotOwnershipCache hot;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;

    TransferApplier(
            JdbcClient jdbc,
            OwnershipCache cache,
            HotOwnershipCache hot,
            IdentityService identity,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.hot = hot;
        this.identity = identity;
        this.events = events;
    }

    /** True when the transfer was new and applied. */
    @Transactional
    boolean apply(Collection c, ChainTransfer t, Instant now) {
        String from = none(t.fromAddress()) ? null : t.fromAddress();
        String to = none(t.toAddress()) ? null : t.toAddress();
        int inserted = jdbc.sql("insert into nft_transfer_events (collection, token_id, from_address, to_address,"
                        + " block_height, transaction_hash, log_index, observed_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict do nothing")
                .params(
                        c.id(),
                        t.tokenId(),
                        from,
                        to,
                        t.blockHeight(),
                        t.transactionHash(),
                        t.logIndex(),
                        Timestamp.from(now))
                .update();
        NftId nft = new NftId(c.id(), t.tokenId());
        if (inserted == 0 || alreadyKnown(nft, to, t.blockHeight())) {
            // a replay, or a change first noticed on a read and now seen in the chain's log
            return false;
        }
        hot.evict(nft); // every node re-reads the table (or the chain) next time
        if (to == null) {
            cache.evict(nft);
        } else {
            cache.put(new OwnershipRecord(nft, to, t.blockHeight(), now));
        }
        if (from != null) {
            identity.revokeSessionsForNft(c.id(), t.tokenId(), to, "NFT transferred on chain");
        }
        log.info("NFT {} moved from {} to {} at block {}", nft, from, to, t.blockHeight());
        events.publishEvent(new OwnershipTransferred(nft, from, to, t.blockHeight(), t.transactionHash(), now));
        return true;
    }

    private boolean alreadyKnown(NftId nft, String to, long block) {
        return to != null
                && cache.get(nft)
                        .filter(r ->
                                DefaultOwnershipService.sameAddress(r.ownerAddress(), to) && r.blockHeight() >= block)
                        .isPresent();
    }

    /** An absent side of a mint or burn: null, empty, or the all-zero EVM address. */
    static boolean none(String address) {
        return address == null || address.isBlank() || address.matches("0x0{40}");
    }
}
