package dev.panthera.ownership.provider.solana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.PantheraProperties.Collection;
import dev.panthera.support.TestProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The solana oracle against recorded JSON-RPC answers (src/test/resources/fixtures/solana, made by
 * tools/fixtures/solana/generate.mjs and checked there against @solana/web3.js's response schemas),
 * served by a local endpoint that also checks each request's method and params.
 */
class SolanaOwnershipOracleTest {

    static final JsonNode SCENARIO = FakeSolanaRpc.fixtureJson("scenario.json");
    static final String MINT = SCENARIO.get("mint").asString();
    static final String HOLDER = SCENARIO.get("holder").asString();
    static final String HOLDER_ACCOUNT = SCENARIO.get("holder_token_account").asString();
    static final String METADATA_PDA = SCENARIO.get("metadata_pda").asString();
    static final String COLLECTION_MINT = SCENARIO.get("collection_mint").asString();
    static final String UNVERIFIED_MINT = SCENARIO.get("unverified_mint").asString();
    static final String UNVERIFIED_PDA = SCENARIO.get("unverified_metadata_pda").asString();
    static final String BURNED_MINT = SCENARIO.get("burned_mint").asString();
    static final long SLOT = SCENARIO.get("slot").asLong();

    FakeSolanaRpc rpc;

    @BeforeEach
    void start() {
        rpc = new FakeSolanaRpc();
    }

    @AfterEach
    void stop() {
        rpc.close();
    }

    SolanaOwnershipOracle oracle(String timeout) {
        return new SolanaOwnershipOracle(properties(rpc.url(), null, timeout));
    }

    static PantheraProperties properties(String url, String contract, String timeout) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("panthera.collections[0].id", "sol");
        settings.put("panthera.collections[0].chain", "solana");
        settings.put("panthera.collections[0].rpc-url", url);
        if (contract != null) {
            settings.put("panthera.collections[0].contract", contract);
        }
        settings.put("panthera.ownership.rpc-timeout", timeout);
        return TestProperties.of(settings);
    }

    Collection collection() {
        return properties(rpc.url(), null, "5s").collections().getFirst();
    }

    Collection collectionWithMint(String contract) {
        return properties(rpc.url(), contract, "5s").collections().getFirst();
    }

    static String largestParams(String mint) {
        return "[\"" + mint + "\",{\"commitment\":\"finalized\"}]";
    }

    static String parsedParams(String account) {
        return "[\"" + account + "\",{\"encoding\":\"jsonParsed\",\"commitment\":\"finalized\"}]";
    }

    static String base64Params(String account) {
        return "[\"" + account + "\",{\"encoding\":\"base64\",\"commitment\":\"finalized\"}]";
    }

    @Test
    void chainIsSolanaAndTransfersArePolled() {
        SolanaOwnershipOracle oracle = oracle("5s");
        assertThat(oracle.chain()).isEqualTo("solana");
        assertThat(oracle.transfersAfter(collection(), 0)).isEqualTo(TransferPage.unsupported());
    }

    @Test
    void ownerIsTheOwnerOfTheTokenAccountHoldingTheOneToken() {
        rpc.expect("getTokenLargestAccounts", largestParams(MINT), "getTokenLargestAccounts-held.json")
                .expect("getAccountInfo", parsedParams(HOLDER_ACCOUNT), "getAccountInfo-token-account.json");

        ChainOwner owner = oracle("5s").ownerOf(collection(), MINT);

        assertThat(owner.ownerAddress()).isEqualTo(HOLDER);
        assertThat(owner.blockHeight()).isEqualTo(SLOT + 2);
        rpc.assertAllServed();
    }

    @Test
    void aMintInTheConfiguredVerifiedCollectionIsATokenOfIt() {
        rpc.expect("getAccountInfo", base64Params(METADATA_PDA), "getAccountInfo-metadata.json")
                .expect("getTokenLargestAccounts", largestParams(MINT), "getTokenLargestAccounts-held.json")
                .expect("getAccountInfo", parsedParams(HOLDER_ACCOUNT), "getAccountInfo-token-account.json");

        ChainOwner owner = oracle("5s").ownerOf(collectionWithMint(COLLECTION_MINT), MINT);

        assertThat(owner.ownerAddress()).isEqualTo(HOLDER);
        rpc.assertAllServed();
    }

    @Test
    void aMintWhoseCollectionIsUnverifiedOrAnotherIsNotATokenOfTheCollection() {
        rpc.expect(
                "getAccountInfo", base64Params(UNVERIFIED_PDA), "getAccountInfo-metadata-unverified-collection.json");
        assertThatThrownBy(() -> oracle("5s").ownerOf(collectionWithMint(COLLECTION_MINT), UNVERIFIED_MINT))
                .isInstanceOf(TokenNotFoundException.class)
                .hasMessageContaining("not a verified member");

        String otherCollection = SCENARIO.get("holder").asString(); // any other 32-byte address
        rpc.expect("getAccountInfo", base64Params(METADATA_PDA), "getAccountInfo-metadata.json");
        assertThatThrownBy(() -> oracle("5s").ownerOf(collectionWithMint(otherCollection), MINT))
                .isInstanceOf(TokenNotFoundException.class);

        rpc.expect("getAccountInfo", base64Params(METADATA_PDA), "getAccountInfo-null.json");
        assertThatThrownBy(() -> oracle("5s").ownerOf(collectionWithMint(COLLECTION_MINT), MINT))
                .isInstanceOf(TokenNotFoundException.class);
        rpc.assertAllServed();
    }

    @Test
    void aBurnedOrNeverMintedTokenIsNotFound() {
        rpc.expect("getTokenLargestAccounts", largestParams(BURNED_MINT), "getTokenLargestAccounts-burned.json");
        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), BURNED_MINT))
                .isInstanceOf(TokenNotFoundException.class)
                .hasMessageContaining("burned");

        rpc.expect("getTokenLargestAccounts", largestParams(BURNED_MINT), "getTokenLargestAccounts-empty.json");
        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), BURNED_MINT))
                .isInstanceOf(TokenNotFoundException.class);
        rpc.assertAllServed();
    }

    @Test
    void anAddressThatIsNotATokenMintIsNotFound() {
        rpc.expect("getTokenLargestAccounts", largestParams(MINT), "error-not-a-token-mint.json")
                .expect("getTokenLargestAccounts", largestParams(MINT), "error-could-not-find-mint.json");
        SolanaOwnershipOracle oracle = oracle("5s");

        assertThatThrownBy(() -> oracle.ownerOf(collection(), MINT))
                .isInstanceOf(TokenNotFoundException.class)
                .hasMessageContaining("not a Token mint");
        assertThatThrownBy(() -> oracle.ownerOf(collection(), MINT))
                .isInstanceOf(TokenNotFoundException.class)
                .hasMessageContaining("could not find mint");
        rpc.assertAllServed();
    }

    @Test
    void anyOtherRpcErrorMeansTheChainCannotAnswer() {
        rpc.expect("getTokenLargestAccounts", largestParams(MINT), "error-node-unhealthy.json");
        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("-32005")
                .hasMessageContaining("Node is behind");
        rpc.assertAllServed();
    }

    @Test
    void malformedJsonIsUnavailable() {
        rpc.expectRaw(
                "getTokenLargestAccounts",
                largestParams(MINT),
                200,
                "{\"jsonrpc\":\"2.0\",\"result\":{\"context\":{\"slot\":1},\"value\":["
                        .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("not JSON");
        rpc.assertAllServed();
    }

    @Test
    void wellFormedJsonOfTheWrongShapeIsUnavailable() {
        SolanaOwnershipOracle oracle = oracle("5s"); // its requests have ids 1, 2, ...
        rpc.expectRaw(
                "getTokenLargestAccounts",
                null,
                200,
                "{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{\"value\":[]}}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> oracle.ownerOf(collection(), MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("JSON-RPC 2.0 for this request");

        rpc.expectRaw(
                "getTokenLargestAccounts",
                null,
                200,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"value\":{}}}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> oracle.ownerOf(collection(), MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("no value array");
        rpc.assertAllServed();
    }

    @Test
    void http500IsUnavailable() {
        rpc.expectRaw(
                "getTokenLargestAccounts",
                largestParams(MINT),
                500,
                "Internal Server Error".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("HTTP 500");
        rpc.assertAllServed();
    }

    @Test
    void aNodeThatNeverAnswersFailsWithinTheTimeout() {
        rpc.expectHang("getTokenLargestAccounts");
        SolanaOwnershipOracle oracle = oracle("1s");

        long start = System.nanoTime();
        assertThatThrownBy(() -> oracle.ownerOf(collection(), MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("did not answer within 1000 ms");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theTimeoutBoundsTheWholeOperationNotEachCall() {
        rpc.expect("getTokenLargestAccounts", largestParams(MINT), "getTokenLargestAccounts-held.json")
                .expectHang("getAccountInfo");
        SolanaOwnershipOracle oracle = oracle("1s");

        long start = System.nanoTime();
        assertThatThrownBy(() -> oracle.ownerOf(collection(), MINT)).isInstanceOf(OracleUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SolanaOwnershipOracle oracle = new SolanaOwnershipOracle(properties("http://127.0.0.1:" + port, null, "2s"));
        Collection collection =
                properties("http://127.0.0.1:" + port, null, "2s").collections().getFirst();

        assertThatThrownBy(() -> oracle.ownerOf(collection, MINT)).isInstanceOf(OracleUnavailableException.class);
    }

    @Test
    void anOversizedAnswerIsRefused() {
        byte[] huge = new byte[SolanaRpc.MAX_RESPONSE_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        rpc.expectRaw("getTokenLargestAccounts", largestParams(MINT), 200, huge);
        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("more than");
    }

    @Test
    void messagesNameTheEndpointWithoutItsPathOrQuery() {
        String keyed = rpc.url() + "/v2/SECRET-API-KEY?api-key=SECRET-API-KEY";
        rpc.expectRaw("getTokenLargestAccounts", largestParams(MINT), 500, new byte[0]);
        SolanaOwnershipOracle oracle = new SolanaOwnershipOracle(properties(keyed, null, "5s"));
        Collection collection = properties(keyed, null, "5s").collections().getFirst();

        assertThatThrownBy(() -> oracle.ownerOf(collection, MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageNotContaining("SECRET-API-KEY");
    }

    @Test
    void aTokenThatMovesDuringTheReadIsReadAgain() {
        rpc.expect("getTokenLargestAccounts", largestParams(MINT), "getTokenLargestAccounts-held.json")
                .expect("getAccountInfo", parsedParams(HOLDER_ACCOUNT), "getAccountInfo-token-account-emptied.json")
                .expect("getTokenLargestAccounts", largestParams(MINT), "getTokenLargestAccounts-held.json")
                .expect("getAccountInfo", parsedParams(HOLDER_ACCOUNT), "getAccountInfo-token-account.json");

        assertThat(oracle("5s").ownerOf(collection(), MINT).ownerAddress()).isEqualTo(HOLDER);
        rpc.assertAllServed();

        rpc.expect("getTokenLargestAccounts", largestParams(MINT), "getTokenLargestAccounts-held.json")
                .expect("getAccountInfo", parsedParams(HOLDER_ACCOUNT), "getAccountInfo-null.json")
                .expect("getTokenLargestAccounts", largestParams(MINT), "getTokenLargestAccounts-held.json")
                .expect("getAccountInfo", parsedParams(HOLDER_ACCOUNT), "getAccountInfo-token-account-emptied.json");
        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("changed hands");
        rpc.assertAllServed();
    }

    @Test
    void theTokenAccountMustBeForTheMint() {
        rpc.expect("getTokenLargestAccounts", largestParams(BURNED_MINT), "getTokenLargestAccounts-held.json")
                .expect("getAccountInfo", parsedParams(HOLDER_ACCOUNT), "getAccountInfo-token-account.json");
        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), BURNED_MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("another mint");
    }

    @Test
    void tokenUriIsTheMetaplexMetadataUriWithoutItsPadding() {
        rpc.expect("getAccountInfo", base64Params(METADATA_PDA), "getAccountInfo-metadata.json");

        assertThat(oracle("5s").tokenUri(collection(), MINT))
                .contains(SCENARIO.path("metadata").get("uri").asString());
        rpc.assertAllServed();
    }

    @Test
    void tokenUriIsEmptyWithoutAMetadataAccountAndChecksMembership() {
        rpc.expect("getAccountInfo", base64Params(METADATA_PDA), "getAccountInfo-null.json");
        assertThat(oracle("5s").tokenUri(collection(), MINT)).isEmpty();

        rpc.expect(
                "getAccountInfo", base64Params(UNVERIFIED_PDA), "getAccountInfo-metadata-unverified-collection.json");
        assertThatThrownBy(() -> oracle("5s").tokenUri(collectionWithMint(COLLECTION_MINT), UNVERIFIED_MINT))
                .isInstanceOf(TokenNotFoundException.class);
        rpc.assertAllServed();
    }

    @Test
    void aMetadataAccountOfAnotherProgramOrMintIsUnavailable() {
        // the fixture's metadata account is for MINT: served for the unverified mint's PDA it is wrong
        rpc.expect("getAccountInfo", base64Params(UNVERIFIED_PDA), "getAccountInfo-metadata.json");
        assertThatThrownBy(() -> oracle("5s").tokenUri(collection(), UNVERIFIED_MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("another mint");

        rpc.expect("getAccountInfo", base64Params(METADATA_PDA), "getAccountInfo-token-account.json");
        assertThatThrownBy(() -> oracle("5s").tokenUri(collection(), MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("Token Metadata program");
    }

    @Test
    void aTokenIdThatIsNotAMintAddressIsNotFoundWithoutAskingTheChain() {
        SolanaOwnershipOracle oracle = oracle("5s");
        for (String id : new String[] {"42", "0OIl", MINT + "1", "", " "}) {
            assertThatThrownBy(() -> oracle.ownerOf(collection(), id)).isInstanceOf(TokenNotFoundException.class);
        }
        assertThat(rpc.received()).isEmpty();
    }

    @Test
    void aMissingOrNonHttpRpcUrlIsUnavailable() {
        SolanaOwnershipOracle oracle = oracle("5s");
        Collection noUrl = properties("", null, "5s").collections().getFirst();
        Collection ftp =
                properties("ftp://127.0.0.1/", null, "5s").collections().getFirst();

        assertThatThrownBy(() -> oracle.ownerOf(noUrl, MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("rpc-url");
        assertThatThrownBy(() -> oracle.ownerOf(ftp, MINT)).isInstanceOf(OracleUnavailableException.class);
        assertThatThrownBy(() -> oracle.ownerOf(collectionWithMint("not-base58!"), MINT))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("contract");
    }
}
