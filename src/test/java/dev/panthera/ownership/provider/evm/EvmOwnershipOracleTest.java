package dev.panthera.ownership.provider.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.ChainTransfer;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.PantheraProperties.Collection;
import dev.panthera.support.TestProperties;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.utils.Numeric;

/** The evm oracle against canned JSON-RPC answers (as Hardhat and geth send them). */
class EvmOwnershipOracleTest {

    static final String CONTRACT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    static final String ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    static final String BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    static final String ZERO = "0x0000000000000000000000000000000000000000";
    static final String TRANSFER = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    FakeJsonRpc rpc;
    EvmOwnershipOracle oracle;

    @BeforeEach
    void start() throws IOException {
        rpc = new FakeJsonRpc().result("eth_chainId", "\"0x7a69\"").result("eth_blockNumber", "\"0x64\"");
    }

    @AfterEach
    void stop() {
        if (oracle != null) {
            oracle.close();
        }
        rpc.close();
    }

    @Test
    void transferTopicIsTheErc721TransferEvent() {
        assertThat(Erc721Abi.TRANSFER_TOPIC).isEqualTo(TRANSFER);
    }

    @Test
    void decodesTransferLogsInChainOrderAndSkipsWhatIsNotAnErc721TransferOfTheContract() {
        BigInteger bigId = BigInteger.TWO.pow(255).add(BigInteger.valueOf(7));
        String logs = "["
                + log(CONTRACT, 5, 3, "0xbb", ALICE, BOB, BigInteger.TWO, false) + ","
                + log(CONTRACT, 5, 1, "0xaa", ZERO, ALICE, bigId, false) + ","
                + log(CONTRACT, 3, 0, "0x99", ZERO, ALICE, BigInteger.ONE, false) + ","
                // an ERC-20 Transfer (value in data, 3 topics), a removed log, another contract's log
                + "{\"address\":\"" + CONTRACT.toLowerCase() + "\",\"topics\":[\"" + TRANSFER + "\",\"" + topic(ALICE)
                + "\",\"" + topic(BOB) + "\"],\"data\":\"0x" + "0".repeat(63) + "1\",\"blockNumber\":\"0x4\","
                + "\"transactionHash\":\"0x01\",\"transactionIndex\":\"0x0\",\"blockHash\":\"0x02\",\"logIndex\":\"0x0\",\"removed\":false},"
                + log(CONTRACT, 6, 0, "0xcc", ALICE, BOB, BigInteger.ONE, true) + ","
                + log(BOB, 6, 1, "0xdd", ALICE, BOB, BigInteger.ONE, false)
                + "]";
        rpc.result("eth_getLogs", logs);

        TransferPage page =
                oracle(Map.of("panthera.collections[0].confirmations", "2")).transfersAfter(collection(), 0);

        assertThat(page.supported()).isTrue();
        assertThat(page.scannedThrough()).isEqualTo(98);
        assertThat(page.transfers())
                .containsExactly(
                        new ChainTransfer("1", ZERO, ALICE, 3, "0x99", 0),
                        new ChainTransfer(bigId.toString(), ZERO, ALICE, 5, "0xaa", 1),
                        new ChainTransfer("2", ALICE, BOB, 5, "0xbb", 3));
        JsonNode filter = rpc.requests("eth_getLogs").get(0).path("params").get(0);
        assertThat(filter.path("fromBlock").asText()).isEqualTo("0x1");
        assertThat(filter.path("toBlock").asText()).isEqualTo("0x62");
        assertThat(filter.path("address").toString()).containsIgnoringCase(CONTRACT);
        assertThat(filter.path("topics").get(0).asText()).isEqualTo(TRANSFER);
    }

    @Test
    void nothingNewWhenTheConfirmedHeadIsNotPastAfterBlock() {
        rpc.result("eth_getLogs", "[]");
        TransferPage page =
                oracle(Map.of("panthera.collections[0].confirmations", "2")).transfersAfter(collection(), 98);
        assertThat(page).isEqualTo(TransferPage.of(List.of(), 98));
        assertThat(rpc.requests("eth_getLogs")).isEmpty();
    }

    @Test
    void scansFromStartBlockInRangesOfAtMost2000Blocks() {
        rpc.result("eth_blockNumber", "\"0x1388\"").result("eth_getLogs", "[]"); // head 5000
        TransferPage page = oracle(Map.of(
                        "panthera.collections[0].confirmations", "0", "panthera.collections[0].start-block", "10"))
                .transfersAfter(collection(), 0);
        assertThat(page.scannedThrough()).isEqualTo(5000);
        assertThat(ranges()).containsExactly(List.of(10L, 2009L), List.of(2010L, 4009L), List.of(4010L, 5000L));
    }

    @Test
    void halvesTheRangeWhenTheProviderRefusesIt() {
        rpc.result("eth_blockNumber", "\"0xbb8\""); // head 3000
        rpc.on("eth_getLogs", request -> {
            JsonNode filter = request.path("params").get(0);
            long span = Numeric.decodeQuantity(filter.path("toBlock").asText()).longValue()
                    - Numeric.decodeQuantity(filter.path("fromBlock").asText()).longValue()
                    + 1;
            long id = request.path("id").asLong();
            return span > 500
                    ? new FakeJsonRpc.Reply(200, FakeJsonRpc.error(id, -32005, "query exceeds max block range 500"))
                    : new FakeJsonRpc.Reply(200, FakeJsonRpc.result(id, "[]"));
        });
        TransferPage page =
                oracle(Map.of("panthera.collections[0].confirmations", "0")).transfersAfter(collection(), 0);
        assertThat(page.scannedThrough()).isEqualTo(3000);
        List<List<Long>> accepted =
                ranges().stream().filter(r -> r.get(1) - r.get(0) < 500).toList();
        assertThat(accepted.get(0).get(0)).isEqualTo(1);
        assertThat(accepted.get(accepted.size() - 1).get(1)).isEqualTo(3000);
        for (int i = 1; i < accepted.size(); i++) {
            assertThat(accepted.get(i).get(0)).isEqualTo(accepted.get(i - 1).get(1) + 1);
        }
    }

    @Test
    void aRangeThatIsRefusedDownToFewBlocksIsUnavailable() {
        rpc.error("eth_getLogs", -32000, "backend gone");
        assertThatThrownBy(() -> oracle(Map.of()).transfersAfter(collection(), 0))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("eth_getLogs")
                .hasMessageContaining("backend gone");
    }

    @Test
    void onePageCoversAtMost100000Blocks() {
        rpc.result("eth_blockNumber", "\"0x493e0\"").result("eth_getLogs", "[]"); // head 300000
        TransferPage page =
                oracle(Map.of("panthera.collections[0].confirmations", "0")).transfersAfter(collection(), -1);
        assertThat(page.scannedThrough()).isEqualTo(99_999);
        assertThat(ranges()).hasSize(50);
        assertThat(ranges().get(0)).containsExactly(0L, 1999L);
    }

    @Test
    void ownerOfIsTheChecksummedOwnerAtTheBlockReadBeforeTheCall() {
        rpc.on("eth_call", request -> {
            JsonNode tx = request.path("params").get(0);
            assertThat(tx.path("to").asText()).isEqualToIgnoringCase(CONTRACT);
            assertThat(tx.path("data").asText()).isEqualTo("0x6352211e" + "0".repeat(62) + "2a");
            assertThat(request.path("params").get(1).asText()).isEqualTo("latest");
            return new FakeJsonRpc.Reply(
                    200,
                    FakeJsonRpc.result(
                            request.path("id").asLong(), "\"" + abi(new Address(ALICE.toLowerCase())) + "\""));
        });
        ChainOwner owner = oracle(Map.of()).ownerOf(collection(), "42");
        assertThat(owner).isEqualTo(new ChainOwner(ALICE, 100));
    }

    @Test
    void aRevertIsAnUnknownToken() {
        // OpenZeppelin 5: ERC721NonexistentToken(uint256), as geth (code 3) and Hardhat report it
        rpc.on(
                "eth_call",
                request -> new FakeJsonRpc.Reply(
                        200,
                        "{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id").asLong()
                                + ",\"error\":{\"code\":3,\"message\":\"execution reverted\",\"data\":\"0x7e273289"
                                + "0".repeat(62) + "63\"}}"));
        oracle = oracle(Map.of());
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "99"))
                .isInstanceOf(TokenNotFoundException.class)
                .hasMessageContaining("99");
        assertThatThrownBy(() -> oracle.tokenUri(collection(), "99")).isInstanceOf(TokenNotFoundException.class);

        rpc.error("eth_call", -32000, "execution reverted"); // a bare revert, other nodes
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "99")).isInstanceOf(TokenNotFoundException.class);

        rpc.result("eth_call", "\"" + abi(new Address(ZERO)) + "\""); // contracts that answer 0x0
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "99")).isInstanceOf(TokenNotFoundException.class);
    }

    @Test
    void tokenUriIsTheStringOrEmpty() {
        rpc.result("eth_call", "\"" + abi(new Utf8String("ipfs://bafy/1.json")) + "\"");
        oracle = oracle(Map.of());
        assertThat(oracle.tokenUri(collection(), "1")).contains("ipfs://bafy/1.json");
        rpc.result("eth_call", "\"" + abi(new Utf8String("")) + "\"");
        assertThat(oracle.tokenUri(collection(), "1")).isEmpty();
    }

    @Test
    void errorsAndGarbageAreUnavailable() {
        oracle = oracle(Map.of());
        rpc.error("eth_call", -32603, "internal error");
        assertUnavailable("internal error");

        rpc.result("eth_call", "\"0x\""); // no contract at the address
        assertUnavailable("empty answer");

        rpc.result("eth_call", "\"0x1234\"");
        assertUnavailable("not ABI-encoded");

        rpc.result("eth_call", "\"" + abi(new Address(ALICE)) + "\"").result("eth_blockNumber", "\"zz\"");
        assertUnavailable("ownerOf");

        rpc.result("eth_blockNumber", "null");
        assertUnavailable("without a result");

        rpc.on("eth_blockNumber", request -> new FakeJsonRpc.Reply(502, "<html>bad gateway</html>"));
        assertUnavailable("502");

        rpc.on("eth_blockNumber", request -> new FakeJsonRpc.Reply(200, "this is not json"));
        assertUnavailable("ownerOf");
    }

    @Test
    void theChainIdIsCheckedOnceAndAMismatchIsUnavailable() {
        oracle = oracle(Map.of("panthera.collections[0].chain-id", "0x7a69"));
        rpc.result("eth_call", "\"" + abi(new Address(ALICE)) + "\"");
        oracle.ownerOf(collection(), "1");
        oracle.ownerOf(collection(), "2");
        assertThat(rpc.requests("eth_chainId")).hasSize(1);

        oracle.close();
        oracle = oracle(Map.of("panthera.collections[0].chain-id", "1"));
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "1"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("chain id")
                .hasMessageContaining("31337");
    }

    @Test
    void messagesNameTheEndpointWithoutItsPathOrQuery() {
        rpc.on("eth_chainId", request -> new FakeJsonRpc.Reply(401, "{\"error\":\"bad key\"}"));
        oracle = oracle(Map.of("panthera.collections[0].rpc-url", rpc.url() + "/v3/SECRETKEY?apikey=SECRET2"));
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "1"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining(rpc.url())
                .hasMessageContaining("collection 'c'")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void tokenIdsAreDecimalUint256() {
        oracle = oracle(Map.of());
        for (String bad : new String[] {"", "abc", "-1", "0x10", "1.5", " 1", "9".repeat(79)}) {
            assertThatThrownBy(() -> oracle.ownerOf(collection(), bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() ->
                        oracle.ownerOf(collection(), BigInteger.TWO.pow(256).toString()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(rpc.requests).isEmpty();
    }

    @Test
    void aMisconfiguredCollectionIsUnavailable() {
        oracle = oracle(Map.of("panthera.collections[0].contract", "0x1234"));
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "1"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("contract");
        oracle.close();
        oracle = oracle(Map.of("panthera.collections[0].rpc-url", "ws://127.0.0.1:1"));
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "1"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("http");
    }

    // ------------------------------------------------------------------ helpers

    private void assertUnavailable(String messagePart) {
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "1"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining(messagePart)
                .hasMessageContaining("collection 'c'");
    }

    private PantheraProperties properties;

    private EvmOwnershipOracle oracle(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("panthera.collections[0].id", "c");
        settings.put("panthera.collections[0].chain", "evm");
        settings.put("panthera.collections[0].rpc-url", rpc.url());
        settings.put("panthera.collections[0].contract", CONTRACT);
        settings.put("panthera.ownership.rpc-timeout", "2s");
        settings.putAll(overrides);
        properties = TestProperties.of(settings);
        oracle = new EvmOwnershipOracle(properties);
        return oracle;
    }

    private Collection collection() {
        return properties.collections().get(0);
    }

    private List<List<Long>> ranges() {
        List<List<Long>> ranges = new ArrayList<>();
        for (JsonNode request : rpc.requests("eth_getLogs")) {
            JsonNode filter = request.path("params").get(0);
            ranges.add(List.of(
                    Numeric.decodeQuantity(filter.path("fromBlock").asText()).longValue(),
                    Numeric.decodeQuantity(filter.path("toBlock").asText()).longValue()));
        }
        return ranges;
    }

    private static String abi(org.web3j.abi.datatypes.Type<?> value) {
        return "0x" + FunctionEncoder.encodeConstructor(List.of(value));
    }

    private static String topic(String address) {
        return "0x" + "0".repeat(24) + Numeric.cleanHexPrefix(address).toLowerCase();
    }

    private static String log(
            String address,
            long block,
            long logIndex,
            String tx,
            String from,
            String to,
            BigInteger id,
            boolean removed) {
        return "{\"address\":\"" + address.toLowerCase() + "\",\"topics\":[\"" + TRANSFER + "\",\"" + topic(from)
                + "\",\"" + topic(to) + "\",\"" + Numeric.toHexStringWithPrefixZeroPadded(id, 64)
                + "\"],\"data\":\"0x\","
                + "\"blockNumber\":\"" + Numeric.encodeQuantity(BigInteger.valueOf(block)) + "\",\"transactionHash\":\""
                + tx + "\",\"transactionIndex\":\"0x0\",\"blockHash\":\"0x02\",\"logIndex\":\""
                + Numeric.encodeQuantity(BigInteger.valueOf(logIndex)) + "\",\"removed\":" + removed + "}";
    }
}
