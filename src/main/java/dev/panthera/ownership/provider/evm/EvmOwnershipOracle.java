package dev.panthera.ownership.provider.evm;

import dev.panthera.ownership.provider.ProviderHttp;
import dev.panthera.ownership.provider.evm.Erc721Abi.MalformedAnswerException;
import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.ChainTransfer;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.OwnershipOracle;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.PantheraProperties.Collection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

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
 *       in ranges of at most {@value #MAX_LOG_RANGE} blocks (halved when a provider refuses a
 *       range), up to {@code eth_blockNumber - confirmations}, and at most {@value
 *       #MAX_BLOCKS_PER_CALL} blocks per call: a page may end before the confirmed head, and the
 *       next call continues after its {@code scannedThrough}.
 *   <li>The endpoint's {@code eth_chainId} is checked once against the collection's {@code
 *       chain-id} (when set) before anything else is trusted.
 * </ul>
 *
 * Connection failures, timeouts, JSON-RPC errors and malformed answers are {@link
 * OracleUnavailableException}s naming the collection and the endpoint (scheme, host and port
 * only: hosted providers put API keys in the path).
 */
@Component
class EvmOwnershipOracle implements OwnershipOracle, AutoCloseable {

    static final long MAX_LOG_RANGE = 2_000;
    static final long MAX_BLOCKS_PER_CALL = 100_000;
    private static final int MAX_RANGE_HALVINGS = 8;

    private static final Logger log = LoggerFactory.getLogger(EvmOwnershipOracle.class);

    private final EvmRpcClients clients;
    /** collection id + rpc-url + chain id combinations whose eth_chainId matched. */
    private final Set<String> verifiedChains = ConcurrentHashMap.newKeySet();

    EvmOwnershipOracle(PantheraProperties properties) {
        this.clients = new EvmRpcClients(properties.ownership().rpcTimeout());
    }

    @Override
    public String chain() {
        return "evm";
    }

    @Override
    public ChainOwner ownerOf(Collection collection, String tokenId) {
        BigInteger id = Erc721Abi.tokenId(tokenId);
        Endpoint endpoint = endpoint(collection);
        return endpoint.run("ownerOf", () -> {
            long block = endpoint.blockNumber();
            String answer = endpoint.call(Erc721Abi.encodeOwnerOf(id), tokenId);
            String owner = Erc721Abi.decodeOwner(answer)
                    .orElseThrow(() -> notFound(collection, tokenId, "ownerOf is the zero address"));
            return new ChainOwner(owner, block);
        });
    }

    @Override
    public Optional<String> tokenUri(Collection collection, String tokenId) {
        BigInteger id = Erc721Abi.tokenId(tokenId);
        Endpoint endpoint = endpoint(collection);
        return endpoint.run("tokenURI", () -> {
            String uri = Erc721Abi.decodeTokenUri(endpoint.call(Erc721Abi.encodeTokenUri(id), tokenId));
            return uri.isEmpty() ? Optional.empty() : Optional.of(uri);
        });
    }

    @Override
    public TransferPage transfersAfter(Collection collection, long afterBlock) {
        Endpoint endpoint = endpoint(collection);
        return endpoint.run("Transfer logs", () -> {
            long head = endpoint.blockNumber() - Math.max(0, collection.confirmations());
            if (head <= afterBlock) {
                return TransferPage.of(List.of(), afterBlock);
            }
            long from = Math.max(afterBlock + 1, Math.max(0, collection.startBlock()));
            if (from > head) {
                return TransferPage.of(List.of(), head);
            }
            long through = Math.min(head, from + MAX_BLOCKS_PER_CALL - 1);
            List<ChainTransfer> transfers = new ArrayList<>();
            long range = MAX_LOG_RANGE;
            int halvings = 0;
            for (long start = from; start <= through; ) {
                long end = Math.min(through, start + range - 1);
                EthLog logs = endpoint.send(endpoint.web3j.ethGetLogs(transferFilter(endpoint.contract, start, end)));
                if (logs.hasError()) {
                    if (end > start && halvings < MAX_RANGE_HALVINGS) {
                        range = Math.max(1, (end - start + 1) / 2);
                        halvings++;
                        log.debug(
                                "collection '{}': {} refused eth_getLogs over {} blocks ({}); trying {}",
                                collection.id(),
                                endpoint.description,
                                end - start + 1,
                                errorText(logs.getError()),
                                range);
                        continue;
                    }
                    throw endpoint.rpcError("eth_getLogs", logs.getError());
                }
                for (EthLog.LogResult<?> result :
                        logs.getLogs() == null ? List.<EthLog.LogResult>of() : logs.getLogs()) {
                    if (!(result instanceof Log entry)) {
                        throw new MalformedAnswerException("eth_getLogs returned hashes instead of log objects");
                    }
                    Erc721Abi.decodeTransfer(entry, endpoint.contract).ifPresent(transfers::add);
                }
                start = end + 1;
            }
            transfers.sort(
                    Comparator.comparingLong(ChainTransfer::blockHeight).thenComparingLong(ChainTransfer::logIndex));
            return TransferPage.of(transfers, through);
        });
    }

    @Override
    public void close() {
        clients.close();
    }

    private static EthFilter transferFilter(String contract, long from, long to) {
        EthFilter filter = new EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
                contract);
        filter.addSingleTopic(Erc721Abi.TRANSFER_TOPIC);
        return filter;
    }

    private Endpoint endpoint(Collection collection) {
        String problem = ProviderHttp.check(collection.rpcUrl());
        if (problem != null) {
            throw new OracleUnavailableException("collection '" + collection.id() + "': " + problem);
        }
        String contract =
                collection.contract() == null ? "" : collection.contract().trim();
        if (!contract.matches("0x[0-9a-fA-F]{40}")) {
            throw new OracleUnavailableException(
                    "collection '" + collection.id() + "': contract must be a 0x-prefixed 20-byte address");
        }
        Endpoint endpoint = new Endpoint(
                collection,
                clients.client(collection.rpcUrl().trim()),
                EvmRpcClients.describe(collection.rpcUrl()),
                contract);
        verifyChainId(endpoint);
        return endpoint;
    }

    private void verifyChainId(Endpoint endpoint) {
        Collection collection = endpoint.collection;
        String configured = collection.chainId();
        if (configured == null || configured.isBlank()) {
            return;
        }
        String key = collection.id() + '\n' + collection.rpcUrl() + '\n' + configured;
        if (verifiedChains.contains(key)) {
            return;
        }
        BigInteger expected = parseChainId(collection.id(), configured.trim());
        BigInteger actual = endpoint.run("eth_chainId", () -> {
            EthChainId answer = endpoint.send(endpoint.web3j.ethChainId());
            endpoint.requireOk("eth_chainId", answer);
            return Numeric.decodeQuantity(answer.getResult());
        });
        if (!expected.equals(actual)) {
            throw new OracleUnavailableException("chain id of " + endpoint.description + " is " + actual
                    + ", but collection '" + collection.id() + "' is configured with chain id " + expected);
        }
        verifiedChains.add(key);
    }

    private static BigInteger parseChainId(String collection, String chainId) {
        try {
            String lower = chainId.toLowerCase(Locale.ROOT);
            BigInteger id = lower.startsWith("0x") ? new BigInteger(lower.substring(2), 16) : new BigInteger(lower);
            if (id.signum() <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new OracleUnavailableException(
                    "collection '" + collection + "': chain id must be a positive number for an evm collection");
        }
    }

    private static TokenNotFoundException notFound(Collection collection, String tokenId, String why) {
        return new TokenNotFoundException(
                "token " + tokenId + " of collection '" + collection.id() + "' does not exist (" + why + ")");
    }

    private static String errorText(Response.Error error) {
        return error == null ? "no error" : error.getCode() + " " + Erc721Abi.abbreviate(error.getMessage());
    }

    /** A JSON-RPC error that means the call reverted (as opposed to a node or transport problem). */
    static boolean isRevert(Response.Error error) {
        if (error == null) {
            return false;
        }
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        return error.getCode() == 3 || message.contains("revert");
    }

    @FunctionalInterface
    private interface RpcWork<T> {
        T run() throws IOException;
    }

    /** One collection's endpoint for the duration of one oracle call. */
    private static final class Endpoint {
        final Collection collection;
        final Web3j web3j;
        final String description;
        final String contract;

        Endpoint(Collection collection, Web3j web3j, String description, String contract) {
            this.collection = collection;
            this.web3j = web3j;
            this.description = description;
            this.contract = contract;
        }

        /** Runs RPC work, turning every transport or decoding failure into OracleUnavailableException. */
        <T> T run(String what, RpcWork<T> work) {
            try {
                return work.run();
            } catch (TokenNotFoundException | OracleUnavailableException e) {
                throw e;
            } catch (InterruptedIOException e) {
                throw unavailable(what, e.getMessage() == null ? "timed out" : "timed out (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                throw unavailable(what, e.getClass().getSimpleName() + ": " + Erc721Abi.abbreviate(e.getMessage()), e);
            } catch (MalformedAnswerException e) {
                throw unavailable(what, "malformed answer: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // web3j's ClientConnectionException (HTTP status), MessageDecodingException, Jackson, ...
                throw unavailable(what, e.getClass().getSimpleName() + ": " + Erc721Abi.abbreviate(e.getMessage()), e);
            }
        }

        <R extends Response<?>> R send(Request<?, R> request) throws IOException {
            R response = request.send();
            if (response == null) {
                throw new MalformedAnswerException("no answer to " + request.getMethod());
            }
            return response;
        }

        void requireOk(String method, Response<?> response) {
            if (response.hasError()) {
                throw rpcError(method, response.getError());
            }
            if (response.getResult() == null) {
                throw new MalformedAnswerException(method + " answered without a result");
            }
        }

        long blockNumber() throws IOException {
            EthBlockNumber answer = send(web3j.ethBlockNumber());
            requireOk("eth_blockNumber", answer);
            return Numeric.decodeQuantity(answer.getResult()).longValueExact();
        }

        /** eth_call to the contract at latest; a revert means the token does not exist. */
        String call(String data, String tokenId) throws IOException {
            EthCall answer = send(web3j.ethCall(
                    Transaction.createEthCallTransaction(null, contract, data), DefaultBlockParameterName.LATEST));
            if (answer.hasError()) {
                if (isRevert(answer.getError())) {
                    throw notFound(collection, tokenId, "the contract reverted: " + errorText(answer.getError()));
                }
                throw rpcError("eth_call", answer.getError());
            }
            if (answer.isReverted()) {
                throw notFound(collection, tokenId, "the contract reverted");
            }
            return answer.getValue();
        }

        OracleUnavailableException rpcError(String method, Response.Error error) {
            return unavailable(method, "JSON-RPC error " + errorText(error), null);
        }

        OracleUnavailableException unavailable(String what, String reason, Throwable cause) {
            return new OracleUnavailableException(
                    "evm endpoint " + description + " of collection '" + collection.id() + "' failed (" + what + "): "
                            + reason,
                    cause);
        }
    }
}
