package dev.panthera.agent.web;

import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipService;
import org.springframework.stereotype.Component;

/** The NFT a route's path names (checked by ownership at the edge), and the caller's ownership of it. */
@Component
class AgentPaths {

    private final OwnershipService ownership;

    AgentPaths(OwnershipService ownership) {
        this.ownership = ownership;
    }

    /** The NFT the path names; {@code collection} null when the path left it out. */
    NftId nft(String collection, String tokenId) {
        return ownership.nft(collection, tokenId);
    }

    /** The NFT, when the caller owns it now; {@code NOT_OWNER} otherwise. */
    NftId owned(String collection, String tokenId, WalletPrincipal principal) {
        NftId nft = nft(collection, tokenId);
        ownership.requireOwner(nft, principal.walletAddress());
        return nft;
    }
}
