package dev.panthera.ownership.provider.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.ChainTransfer;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.PantheraProperties.Collection;
import dev.panthera.support.TestProperties;
import dev.panthera.support.chain.Erc721;
import dev.panthera.support.chain.HardhatNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The evm oracle against a real Hardhat node and an OpenZeppelin ERC-721 (tools/chain). */
class EvmOwnershipOracleIT {

    static final Duration RPC_TIMEOUT = Duration.ofSeconds(2);
    static final String ZERO = "0x0000000000000000000000000000000000000000";

    static HardhatNode node;
    static Credentials deployer;
    static Credentials alice;
    static Credentials bob;
    static Erc721 nft;
    static long mintBlock;

    final List<EvmOwnershipOracle> oracles = new ArrayList<>();

    @BeforeAll
    static void deployAndMint() {
        node = HardhatNode.shared();
        deployer = node.accounts().get(0);
        alice = node.accounts().get(1);
        bob = node.accounts().get(2);
        nft = node.deployCollection(deployer);
        for (int id = 1; id <= 3; id++) {
            mintBlock = nft.mint(
                            deployer, alice.getAddress(), BigInteger.valueOf(id), "ipfs://panthera/" + id + ".json")
                    .getBlockNumber()
                    .longValueExact();
        }
        nft.mint(deployer, alice.getAddress(), BigInteger.valueOf(4), "");
    }

    @AfterEach
    void close() {
        oracles.forEach(EvmOwnershipOracle::close);
    }

    @Test
    void ownerOfIsTheChecksummedHolderAndABlockHeight() {
        Collection c = collection(nft, Map.of());
        ChainOwner owner = oracle().ownerOf(c, "1");
        assertThat(owner.ownerAddress())
                .isEqualTo(Keys.toChecksumAddress(alice.getAddress()))
                .isNotEqualTo(alice.getAddress().toLowerCase());
        assertThat(owner.blockHeight()).isGreaterThanOrEqualTo(mintBlock).isGreaterThan(0);
    }

    @Test
    void tokenUriIsTheMintedUriOrEmpty() {
        Collection c = collection(nft, Map.of());
        EvmOwnershipOracle oracle = oracle();
        assertThat(oracle.tokenUri(c, "2")).contains("ipfs://panthera/2.json");
        assertThat(oracle.tokenUri(c, "4")).isEmpty();
    }

    @Test
    void aTokenThatWasNeverMintedIsNotFound() {
        Collection c = collection(nft, Map.of());
        EvmOwnershipOracle oracle = oracle();
        assertThatThrownBy(() -> oracle.ownerOf(c, "99"))
                .isInstanceOf(TokenNotFoundException.class)
                .hasMessageContaining("99");
        assertThatThrownBy(() -> oracle.tokenUri(c, "99")).isInstanceOf(TokenNotFoundException.class);
    }

    @Test
    void transfersAreReportedInChainOrderOnceTheyHaveTheirConfirmations() {
        Erc721 fresh = node.deployCollection(deployer);
        Collection c = collection(fresh, Map.of("panthera.collections[0].confirmations", "5"));
        EvmOwnershipOracle oracle = oracle();
        long deployed = fresh.deployBlock();

        List<TransactionReceipt> receipts = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            receipts.add(fresh.mint(deployer, alice.getAddress(), BigInteger.valueOf(id), "ipfs://fresh/" + id));
        }
        receipts.add(fresh.transfer(alice, bob.getAddress(), BigInteger.TWO));
        long transferBlock = block(receipts.get(3));
        assertThat(node.blockNumber()).isEqualTo(transferBlock);

        // the newest block with 5 blocks on top is older than the contract: nothing yet
        TransferPage first = oracle.transfersAfter(c, deployed);
        assertThat(first).isEqualTo(TransferPage.of(List.of(), deployed));

        String a = Keys.toChecksumAddress(alice.getAddress());
        String b = Keys.toChecksumAddress(bob.getAddress());
        List<ChainTransfer> expected = List.of(
                transfer(receipts.get(0), "1", ZERO, a),
                transfer(receipts.get(1), "2", ZERO, a),
                transfer(receipts.get(2), "3", ZERO, a),
                transfer(receipts.get(3), "2", a, b));

        // one block short of the transfer's confirmations: the mints, not the transfer
        node.mine(4);
        TransferPage mints = oracle.transfersAfter(c, first.scannedThrough());
        assertThat(mints.transfers()).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(mints.scannedThrough()).isEqualTo(transferBlock - 1);
        assertThat(oracle.transfersAfter(c, mints.scannedThrough()))
                .isEqualTo(TransferPage.of(List.of(), mints.scannedThrough()));

        node.mine(1);
        TransferPage rest = oracle.transfersAfter(c, mints.scannedThrough());
        assertThat(rest.transfers()).containsExactly(expected.get(3));
        assertThat(rest.scannedThrough()).isEqualTo(transferBlock);

        // a full rescan from the start block gives the same history, in order
        assertThat(oracle.transfersAfter(c, deployed - 1).transfers()).containsExactlyElementsOf(expected);
        assertThat(oracle.ownerOf(c, "2").ownerAddress()).isEqualTo(b);
        assertThat(fresh.ownerOf(BigInteger.TWO)).isEqualTo(b);
    }

    @Test
    void aScanLongerThanOneLogRangeIsChunkedWithoutGaps() {
        Erc721 fresh = node.deployCollection(deployer);
        Collection c = collection(
                fresh,
                Map.of(
                        "panthera.collections[0].confirmations",
                        "0",
                        "panthera.collections[0].start-block",
                        Long.toString(fresh.deployBlock())));
        TransactionReceipt first = fresh.mint(deployer, alice.getAddress(), BigInteger.ONE, "u");
        node.mine(2_500);
        TransactionReceipt second = fresh.mint(deployer, bob.getAddress(), BigInteger.TWO, "u");
        node.mine(2_100);
        TransactionReceipt third = fresh.transfer(alice, bob.getAddress(), BigInteger.ONE);

        TransferPage page = oracle().transfersAfter(c, -1);
        assertThat(page.transfers())
                .extracting(ChainTransfer::transactionHash)
                .containsExactly(first.getTransactionHash(), second.getTransactionHash(), third.getTransactionHash());
        assertThat(page.scannedThrough()).isEqualTo(block(third));
    }

    @Test
    void aNodeOfAnotherChainIsUnavailable() {
        Collection c = collection(nft, Map.of("panthera.collections[0].chain-id", "1"));
        assertThatThrownBy(() -> oracle().ownerOf(c, "1"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("chain id")
                .hasMessageContaining("31337");
    }

    @Test
    void aClosedPortIsUnavailableAtOnce() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Collection c = collection(
                nft, Map.of("panthera.collections[0].rpc-url", "http://127.0.0.1:" + port + "/v3/SECRET-KEY"));
        EvmOwnershipOracle oracle = oracle();
        long started = System.nanoTime();
        assertThatThrownBy(() -> oracle.ownerOf(c, "1"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("http://127.0.0.1:" + port)
                .hasMessageNotContaining("SECRET");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(RPC_TIMEOUT.plusSeconds(1));
    }

    @Test
    void anEndpointThatNeverAnswersIsUnavailableAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            Collection c = collection(
                    nft, Map.of("panthera.collections[0].rpc-url", "http://127.0.0.1:" + silent.getLocalPort()));
            EvmOwnershipOracle oracle = oracle();
            long started = System.nanoTime();
            assertThatThrownBy(() -> oracle.transfersAfter(c, 0))
                    .isInstanceOf(OracleUnavailableException.class)
                    .hasMessageContaining("timed out");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took)
                    .isGreaterThanOrEqualTo(RPC_TIMEOUT.minusMillis(100))
                    .isLessThan(RPC_TIMEOUT.plusSeconds(2));
            silent.close();
            acceptor.join(2_000);
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** An oracle for the collection last made by {@link #collection}. */
    private EvmOwnershipOracle oracle() {
        EvmOwnershipOracle oracle = new EvmOwnershipOracle(properties);
        oracles.add(oracle);
        return oracle;
    }

    private PantheraProperties properties;

    private Collection collection(Erc721 contract, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("panthera.collections[0].id", "c");
        settings.put("panthera.collections[0].chain", "evm");
        settings.put("panthera.collections[0].rpc-url", node.rpcUrl());
        settings.put("panthera.collections[0].chain-id", node.chainId());
        settings.put("panthera.collections[0].contract", contract.address());
        settings.put("panthera.ownership.rpc-timeout", RPC_TIMEOUT.toMillis() + "ms");
        settings.putAll(overrides);
        properties = TestProperties.of(settings);
        return properties.collections().get(0);
    }

    private static long block(TransactionReceipt receipt) {
        return receipt.getBlockNumber().longValueExact();
    }

    private static ChainTransfer transfer(TransactionReceipt receipt, String tokenId, String from, String to) {
        long logIndex = receipt.getLogs().stream()
                .filter(l -> l.getTopics().get(0).equalsIgnoreCase(Erc721Abi.TRANSFER_TOPIC))
                .findFirst()
                .orElseThrow()
                .getLogIndex()
                .longValueExact();
        return new ChainTransfer(tokenId, from, to, block(receipt), receipt.getTransactionHash(), logIndex);
    }
}
