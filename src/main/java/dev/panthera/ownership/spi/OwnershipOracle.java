package dev.panthera.ownership.spi;

import dev.panthera.shared.PantheraProperties.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads NFT ownership from one kind of chain. Implementations are Spring beans named
 * {@code <Vendor>OwnershipOracle}; the one whose {@link #chain()} equals a collection's
 * {@code chain} serves it. Every call may block on the network: it must honour
 * {@code panthera.ownership.rpc-timeout} and throw {@link OracleUnavailableException} when the
 * chain cannot answer, never hang.
 */
public interface OwnershipOracle {

    /** The {@code chain} value of the collections this oracle serves: evm, solana, cosmos or dev. */
    String chain();

    /**
     * The token's current owner (address in the chain's canonical form: EIP-55, bech32, base58)
     * and the block height the answer is from (0 where the chain gives none).
     *
     * @throws TokenNotFoundException when the token does not exist (never minted, burned)
     * @throws OracleUnavailableException when the chain cannot be reached or answers garbage
     */
    ChainOwner ownerOf(Collection collection, String tokenId);

    /** The token's metadata URI, empty when it has none. Same exceptions as {@link #ownerOf}. */
    Optional<String> tokenUri(Collection collection, String tokenId);

    /**
     * Transfers after {@code afterBlock} up to the newest block that has the collection's
     * confirmations, in chain order. Chains without transfer logs return
     * {@link TransferPage#unsupported()}, and Panthera polls the owners it knows instead.
     */
    TransferPage transfersAfter(Collection collection, long afterBlock);

    /**
     * The token ids the owner holds, where the chain can list them cheaply (the dev registry, an
     * indexer); empty when it cannot, and Panthera answers from the tokens it has seen.
     */
    default Optional<List<String>> tokensOf(Collection collection, String ownerAddress) {
        return Optional.empty();
    }
}
