package dev.panthera.ownership.provider.evm;

import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.OwnershipOracle;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.PantheraProperties.Collection;
import java.math.BigInteger;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Ownership of ERC-721 tokens over Ethereum JSON-RPC.
 *
 * <ul>
 *   <li>{@code ownerOf} / {@code tokenURI}: {@code eth_call} at {@code latest}. The block height
 *       reported is {@code eth_blockNumber} read just before the call, so it never claims a newer
 *       block than the answer is from. A revert (OpenZeppelin 5's {@code ERC721NonexistentToken},
 *       OpenZeppelin 4's reason string, a bare revert) and a zero-address owner are {@link
 *       TokenNotFoundException}.
 *   <li>{@code transfersAfter}: {@code eth_getLogs} for the {@code Transfer} topic of the contract
 *       in ranges of at most {@value TransferLogScanner#MAX_LOG_RANGE} blocks (halved when a
 *       provider refuses a range), up to {@code eth_blockNumber - confirmations}, and at most
 *       {@value TransferLogScanner#MAX_BLOCKS_PER_CALL} blocks per call: a page may end before the
 *       confirmed head, and the next call continues after its {@code scannedThrough} (see {@link
 *       TransferLogScanner}).
 *   <li>The endpoint's {@code eth_chainId} is checked once against the collection's {@code
 *       chain-id} (when set) before anything else is trusted (see {@link EvmEndpoints}).
 * </ul>
 *
 * Connection failures, timeouts, JSON-RPC errors and malformed answers are {@link
 * OracleUnavailableException}s naming the collection and the endpoint (scheme, host and port
 * only: hosted providers put API keys in the path).
 */
@Component
class EvmOwnershipOracle implements OwnershipOracle, AutoCloseable {

    private final EvmEndpoints endpoints;

    EvmOwnershipOracle(PantheraProperties properties) {
        this.endpoints = new EvmEndpoints(properties.ownership().rpcTimeout());
    }

    @Override
    public String chain() {
        return "evm";
    }

    @Override
    public ChainOwner ownerOf(Collection collection, String tokenId) {
        BigInteger id = Erc721Abi.tokenId(tokenId);
        EvmEndpoint endpoint = endpoints.open(collection);
        return endpoint.run("ownerOf", () -> {
            long block = endpoint.blockNumber();
            String answer = endpoint.call(Erc721Abi.encodeOwnerOf(id), tokenId);
            String owner = Erc721Abi.decodeOwner(answer)
                    .orElseThrow(() -> endpoint.notFound(tokenId, "ownerOf is the zero address"));
            return new ChainOwner(owner, block);
        });
    }

    @Override
    public Optional<String> tokenUri(Collection collection, String tokenId) {
        BigInteger id = Erc721Abi.tokenId(tokenId);
        EvmEndpoint endpoint = endpoints.open(collection);
        return endpoint.run("tokenURI", () -> {
            String uri = Erc721Abi.decodeTokenUri(endpoint.call(Erc721Abi.encodeTokenUri(id), tokenId));
            return uri.isEmpty() ? Optional.empty() : Optional.of(uri);
        });
    }

    @Override
    public TransferPage transfersAfter(Collection collection, long afterBlock) {
        return TransferLogScanner.transfersAfter(endpoints.open(collection), afterBlock);
    }

    @Override
    public void close() {
        endpoints.close();
    }
}
