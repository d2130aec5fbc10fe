package dev.panthera.ownership;

import java.util.Objects;

/** One NFT: a configured collection and a token id in it (a number, or a mint address on Solana). */
public record NftId(String collection, String tokenId) {

    public NftId {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(tokenId, "tokenId");
    }

    /** The key used in caches and session sets: {@code collection/tokenId}. */
    public String key() {
        return collection + "/" + tokenId;
    }

    @Override
    public String toString() {
        return key();
    }
}
