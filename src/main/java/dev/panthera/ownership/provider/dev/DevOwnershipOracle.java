package dev.panthera.ownership.provider.dev;

import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.ChainTransfer;
import dev.panthera.ownership.spi.OwnershipOracle;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Ownership on the dev chain, read from {@link DevNftRegistry}; every change is final at once. */
@Component
class DevOwnershipOracle implements OwnershipOracle {

    private static final int PAGE = 1000;

    private final DevNftRegistry registry;

    DevOwnershipOracle(DevNftRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String chain() {
        return "dev";
    }

    @Override
    public ChainOwner ownerOf(Collection collection, String tokenId) {
        return registry.ownerOf(collection.id(), tokenId)
                .orElseThrow(() -> new TokenNotFoundException("Token " + tokenId + " is not minted"));
    }

    @Override
    public Optional<String> tokenUri(Collection collection, String tokenId) {
        var token = registry.find(collection.id(), tokenId)
                .orElseThrow(() -> new TokenNotFoundException("Token " + tokenId + " is not minted"));
        return Optional.ofNullable(token.tokenUri()).filter(uri -> !uri.isBlank());
    }

    @Override
    public TransferPage transfersAfter(Collection collection, long afterBlock) {
        List<ChainTransfer> transfers = registry.transfersAfter(collection.id(), afterBlock, PAGE);
        long through = transfers.isEmpty() ? afterBlock : transfers.getLast().blockHeight();
        return TransferPage.of(transfers, through);
    }

    @Override
    public Optional<List<String>> tokensOf(Collection collection, String ownerAddress) {
        return Optional.of(registry.tokensOf(collection.id(), ownerAddress));
    }
}
