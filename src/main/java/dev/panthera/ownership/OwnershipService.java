package dev.panthera.ownership;

import dev.panthera.identity.ChainFamily;
import java.util.List;
import java.util.Optional;

/** What other modules may ask of ownership. */
public interface OwnershipService {

    /** The configured collection with this id, or the only one when {@code collection} is null. */
    CollectionInfo collection(String collection);

    List<CollectionInfo> collections();

    /**
     * The NFT that a route's {@code collection} (null = the only one configured) and token id name,
     * checked at the edge: the collection exists, the token id has its chain's shape (a number
     * without leading zeros, or a base58 mint address on Solana) and lies in the collection's range.
     */
    NftId nft(String collection, String tokenId);

    /**
     * The current owner, from the cache while it is fresh, else from the chain. When the chain
     * cannot be reached a cached answer is served until it is {@code max-stale} old; after that
     * this throws {@code UPSTREAM_UNAVAILABLE}. An unknown token is {@code NOT_FOUND}.
     */
    OwnershipRecord owner(NftId nft);

    /** Throws {@code NOT_OWNER} unless the wallet owns the NFT now. */
    OwnershipRecord requireOwner(NftId nft, String walletAddress);

    /** The NFTs of the configured collections of this wallet's chain family that it holds. */
    List<OwnershipRecord> ownedBy(String walletAddress, ChainFamily chain);

    /** The token's metadata URI (ERC-721 tokenURI or the chain's equivalent), if it has one. */
    Optional<String> tokenUri(NftId nft);

    /**
     * Checks whether the wallet owns the NFT (collection may be null when only one is configured)
     * and records the check (seed 001 nft_verifications). Unlike {@link #requireOwner} a
     * different owner is an answer, not an error.
     */
    Verification verify(String collection, String tokenId, String walletAddress);

    record Verification(OwnershipRecord record, boolean verified) {}

    /** A configured collection as other modules see it. */
    record CollectionInfo(String id, String chain, ChainFamily family, String chainId, String contract) {}
}
