package dev.panthera.ownership;

import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.ChainTransfer;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.OwnershipOracle;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A programmable chain for tests (chain id {@code fake}): tests mint and transfer, take the chain
 * down, or switch its transfer log off to exercise polling.
 */
public class FakeOwnershipOracle implements OwnershipOracle {

    private final Map<String, ChainOwner> owners = new ConcurrentHashMap<>();
    private final List<ChainTransfer> log = new CopyOnWriteArrayList<>();
    /** Heights only grow, across test runs too, as on a real chain (cursors persist in the database). */
    private final AtomicLong block = new AtomicLong(System.currentTimeMillis());

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean logs = new AtomicBoolean(true);
    private final AtomicInteger pageSize = new AtomicInteger(Integer.MAX_VALUE);
    public final AtomicInteger ownerCalls = new AtomicInteger();

    @Override
    public String chain() {
        return "fake";
    }

    public void transfer(String tokenId, String from, String to) {
        long height = block.incrementAndGet();
        owners.put(tokenId, new ChainOwner(to, height));
        log.add(new ChainTransfer(tokenId, from, to, height, "0xfake" + height, 0));
    }

    public void mint(String tokenId, String to) {
        transfer(tokenId, null, to);
    }

    public void down(boolean isDown) {
        down.set(isDown);
    }

    /** At most this many transfers per {@link #transfersAfter} call, like an RPC's block-range cap. */
    public void pageSize(int size) {
        pageSize.set(size);
    }

    public void transferLogs(boolean enabled) {
        logs.set(enabled);
    }

    public void reset() {
        owners.clear();
        log.clear();
        down.set(false);
        logs.set(true);
        pageSize.set(Integer.MAX_VALUE);
        ownerCalls.set(0);
    }

    @Override
    public ChainOwner ownerOf(Collection collection, String tokenId) {
        ownerCalls.incrementAndGet();
        check();
        ChainOwner owner = owners.get(tokenId);
        if (owner == null) {
            throw new TokenNotFoundException("no token " + tokenId);
        }
        return owner;
    }

    @Override
    public Optional<String> tokenUri(Collection collection, String tokenId) {
        check();
        return Optional.empty();
    }

    @Override
    public TransferPage transfersAfter(Collection collection, long afterBlock) {
        check();
        if (!logs.get()) {
            return TransferPage.unsupported();
        }
        List<ChainTransfer> after = new ArrayList<>();
        for (ChainTransfer t : log) {
            if (t.blockHeight() > afterBlock) {
                if (after.size() == pageSize.get()) {
                    return TransferPage.of(after, after.getLast().blockHeight());
                }
                after.add(t);
            }
        }
        return TransferPage.of(after, Math.max(afterBlock, block.get()));
    }

    private void check() {
        if (down.get()) {
            throw new OracleUnavailableException("fake chain is down");
        }
    }
}
