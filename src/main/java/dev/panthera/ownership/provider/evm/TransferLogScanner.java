package dev.panthera.ownership.provider.evm;

import dev.panthera.ownership.provider.evm.Erc721Abi.MalformedAnswerException;
import dev.panthera.ownership.spi.ChainTransfer;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties.Collection;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads a contract's ERC-721 {@code Transfer} logs with {@code eth_getLogs} in ranges of at most
 * {@value #MAX_LOG_RANGE} blocks, because providers cap the range a single call may cover and
 * differ in where: a refused range is halved (at most {@value #MAX_RANGE_HALVINGS} times) rather
 * than failing the page. One page covers at most {@value #MAX_BLOCKS_PER_CALL} blocks, so a call
 * stays bounded however far behind the caller is.
 */
final class TransferLogScanner {

    static final long MAX_LOG_RANGE = 2_000;
    static final long MAX_BLOCKS_PER_CALL = 100_000;
    private static final int MAX_RANGE_HALVINGS = 8;

    /** The oracle's logger, so the category operators filter on did not change when this moved out. */
    private static final Logger log = LoggerFactory.getLogger(EvmOwnershipOracle.class);

    private TransferLogScanner() {}

    /** The transfers after {@code afterBlock} up to {@code eth_blockNumber - confirmations}, in chain order. */
    static TransferPage transfersAfter(EvmEndpoint endpoint, long afterBlock) {
        Collection collection = endpoint.collection();
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
                EthLog logs =
                        endpoint.send(endpoint.web3j().ethGetLogs(transferFilter(endpoint.contract(), start, end)));
                if (logs.hasError()) {
                    if (end > start && halvings < MAX_RANGE_HALVINGS) {
                        range = Math.max(1, (end - start + 1) / 2);
                        halvings++;
                        log.debug(
                                "collection '{}': {} refused eth_getLogs over {} blocks ({}); trying {}",
                                collection.id(),
                                endpoint.description(),
                                end - start + 1,
                                EvmEndpoint.errorText(logs.getError()),
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
                    Erc721Abi.decodeTransfer(entry, endpoint.contract()).ifPresent(transfers::add);
                }
                start = end + 1;
            }
            transfers.sort(
                    Comparator.comparingLong(ChainTransfer::blockHeight).thenComparingLong(ChainTransfer::logIndex));
            return TransferPage.of(transfers, through);
        });
    }

    private static EthFilter transferFilter(String contract, long from, long to) {
        EthFilter filter = new EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
                contract);
        filter.addSingleTopic(Erc721Abi.TRANSFER_TOPIC);
        return filter;
    }
}
