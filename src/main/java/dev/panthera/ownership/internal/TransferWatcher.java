package dev.panthera.ownership.internal;

import dev.panthera.ownership.OwnershipRecord;
import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.ChainTransfer;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.OwnershipOracle;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties.Collection;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows every collection's transfers: chains with transfer logs from the stored cursor (so a
 * restart resumes without gaps; the oracle only reports blocks with enough confirmations), other
 * chains by re-checking the owners Panthera knows. One node at a time per collection: a
 * transaction-scoped advisory lock, so any number of nodes can run this safely.
 */
@Component
public class TransferWatcher {

    private static final Logger log = LoggerFactory.getLogger(TransferWatcher.class);
    static final int MAX_PAGES_PER_POLL = 20;

    private final CollectionCatalog catalog;
    private final Oracles oracles;
    private final ChainCursors cursors;
    private final OwnershipCache cache;
    private final TransferApplier transfers;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final Clock clock;

    TransferWatcher(
            CollectionCatalog catalog,
            Oracles oracles,
            ChainCursors cursors,
            OwnershipCache cache,
            TransferApplier transfers,
            TransactionTemplate tx,
            JdbcClient jdbc,
            Clock clock) {
        this.catalog = catalog;
        this.oracles = oracles;
        this.cursors = cursors;
        this.cache = cache;
        this.transfers = transfers;
        this.tx = tx;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${panthera.ownership.poll-interval:15s}",
            fixedDelayString = "${panthera.ownership.poll-interval:15s}")
    void pollAll() {
        for (Collection c : catalog.all()) {
            try {
                watch(c);
            } catch (OracleUnavailableException e) {
                log.warn("Transfers of {} not checked: {}", c.id(), e.getMessage());
            } catch (RuntimeException e) {
                log.error("Transfers of {} not checked", c.id(), e);
            }
        }
    }

    /** Applies what happened on the collection's chain since last time; returns transfers applied. */
    public int watch(Collection c) {
        Integer applied = tx.execute(status -> {
            Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(hashtext(?))")
                    .param("panthera:transfers:" + c.id())
                    .query(Boolean.class)
                    .single();
            if (!Boolean.TRUE.equals(locked)) {
                return 0; // another node is on it right now
            }
            OwnershipOracle oracle = oracles.of(c);
            long cursor = cursors.get(c.id()).orElse(c.startBlock() - 1);
            Instant now = clock.instant();
            int count = 0;
            // a collection far behind catches up in one poll, a page (oracle-sized block range) at a time
            for (int page = 0; page < MAX_PAGES_PER_POLL; page++) {
                TransferPage transfersPage = oracle.transfersAfter(c, cursor);
                if (!transfersPage.supported()) {
                    return recheckKnownOwners(c, oracle, now);
                }
                for (ChainTransfer t : transfersPage.transfers()) {
                    if (transfers.apply(c, t, now)) {
                        count++;
                    }
                }
                if (transfersPage.scannedThrough() <= cursor) {
                    break;
                }
                cursor = transfersPage.scannedThrough();
                cursors.set(c.id(), cursor, now);
            }
            return count;
        });
        return applied == null ? 0 : applied;
    }

    private int recheckKnownOwners(Collection c, OwnershipOracle oracle, Instant now) {
        int count = 0;
        for (OwnershipRecord known : cache.known(c.id())) {
            String tokenId = known.nft().tokenId();
            try {
                ChainOwner current = oracle.ownerOf(c, tokenId);
                if (!DefaultOwnershipService.sameAddress(current.ownerAddress(), known.ownerAddress())) {
                    ChainTransfer seen = new ChainTransfer(
                            tokenId,
                            known.ownerAddress(),
                            current.ownerAddress(),
                            current.blockHeight(),
                            "poll:" + current.blockHeight() + ":" + current.ownerAddress(),
                            0);
                    if (transfers.apply(c, seen, now)) {
                        count++;
                    }
                } else {
                    cache.put(new OwnershipRecord(known.nft(), current.ownerAddress(), current.blockHeight(), now));
                }
            } catch (TokenNotFoundException e) {
                transfers.apply(
                        c,
                        new ChainTransfer(
                                tokenId, known.ownerAddress(), null, known.blockHeight(), "burn:" + known.nft(), 0),
                        now);
            }
        }
        return count;
    }
}
