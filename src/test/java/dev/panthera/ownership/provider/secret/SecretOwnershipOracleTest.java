package dev.panthera.ownership.provider.secret;

import static dev.panthera.ownership.provider.secret.SecretFixtures.BLOCK_HEIGHT;
import static dev.panthera.ownership.provider.secret.SecretFixtures.CHAIN_ID;
import static dev.panthera.ownership.provider.secret.SecretFixtures.CODE_HASH;
import static dev.panthera.ownership.provider.secret.SecretFixtures.CONTRACT;
import static dev.panthera.ownership.provider.secret.SecretFixtures.HOLDER;
import static dev.panthera.ownership.provider.secret.SecretFixtures.JSON;
import static dev.panthera.ownership.provider.secret.SecretFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.PantheraProperties.Collection;
import dev.panthera.support.TestProperties;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Secret oracle end to end against the recorded LCD exchanges. Fed the seed and nonce of a
 * recorded scenario and the fixture permit key, the oracle must send exactly the request secretjs
 * sent (the fake LCD answers nothing else), and read the recorded enclave answers.
 */
class SecretOwnershipOracleTest {

    FakeLcd lcd;
    final Deque<byte[]> entropy = new ArrayDeque<>();

    @BeforeEach
    void start() {
        lcd = new FakeLcd();
    }

    @AfterEach
    void stop() {
        lcd.close();
    }

    SecretOwnershipOracle oracle(String timeout) {
        return new SecretOwnershipOracle(
                properties(Map.of(), timeout),
                () -> {
                    byte[] next = entropy.poll();
                    if (next == null) {
                        throw new AssertionError("the oracle drew more randomness than the scenarios supply");
                    }
                    return next;
                },
                SecretFixtures.permitKey());
    }

    PantheraProperties properties(Map<String, String> changes, String timeout) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("panthera.collections[0].id", "scrt");
        settings.put("panthera.collections[0].chain", "cosmos");
        settings.put("panthera.collections[0].rpc-url", lcd.url());
        settings.put("panthera.collections[0].chain-id", CHAIN_ID);
        settings.put("panthera.collections[0].contract", CONTRACT);
        settings.put("panthera.collections[0].code-hash", CODE_HASH);
        settings.put("panthera.collections[0].bech32-prefix", "secret");
        settings.put("panthera.ownership.rpc-timeout", timeout);
        changes.forEach((k, v) -> settings.put("panthera.collections[0]." + k, v));
        return TestProperties.of(settings);
    }

    Collection collection() {
        return properties(Map.of(), "5s").collections().getFirst();
    }

    Collection collection(Map<String, String> changes) {
        return properties(changes, "5s").collections().getFirst();
    }

    /** The next query uses the recorded scenario's seed and nonce. */
    void play(String scenario) {
        JsonNode s = SecretFixtures.scenario(scenario);
        entropy.add(hex(s.get("encryption_seed_hex")));
        entropy.add(hex(s.get("nonce_hex")));
    }

    @Test
    void chainIsCosmosAndTransfersArePolled() {
        SecretOwnershipOracle oracle = oracle("5s");
        assertThat(oracle.chain()).isEqualTo("cosmos");
        assertThat(oracle.transfersAfter(collection(), 0)).isEqualTo(TransferPage.unsupported());
        assertThat(oracle.permitAddress("secret"))
                .isEqualTo(SecretFixtures.PERMIT.get("address").asString());
    }

    @Test
    void ownerOfThroughAPermitIsTheRecordedOwnerAtTheLcdBlockHeight() {
        play("owner-found");

        ChainOwner owner = oracle("5s").ownerOf(collection(), "7");

        assertThat(lcd.unmatched()).isEmpty();
        assertThat(owner.ownerAddress()).isEqualTo(HOLDER);
        assertThat(owner.blockHeight()).isEqualTo(BLOCK_HEIGHT);
        assertThat(lcd.requests()).first().isEqualTo("/registration/v1beta1/tx-key");
    }

    @Test
    void theConsensusKeyIsFetchedOncePerLcd() {
        SecretOwnershipOracle oracle = oracle("5s");
        play("owner-found");
        play("nft-info-token-uri");

        oracle.ownerOf(collection(), "7");
        oracle.tokenUri(collection(), "7");

        assertThat(lcd.unmatched()).isEmpty();
        assertThat(lcd.txKeyRequests()).isEqualTo(1);
    }

    @Test
    void tokenNotFoundIsTheContractsEncryptedNotFoundError() {
        play("owner-not-found");

        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), "404"))
                .isInstanceOf(TokenNotFoundException.class)
                .hasMessageContaining("Token ID: 404 not found");
        assertThat(lcd.unmatched()).isEmpty();
    }

    @Test
    void aTokenThePermitSignerMayNotSeeIsUnavailableNotMissing() {
        play("owner-not-authorized");

        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), "8"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("does not let the permit signer "
                        + SecretFixtures.PERMIT.get("address").asString())
                .hasMessageContaining("You are not authorized to perform this action on token 8");
        assertThat(lcd.unmatched()).isEmpty();
    }

    @Test
    void aWrongCodeHashIsUnavailableAndSaysSo() {
        JsonNode scenario = SecretFixtures.scenario("wrong-code-hash");
        play("wrong-code-hash");

        assertThatThrownBy(() -> oracle("5s")
                        .ownerOf(
                                collection(Map.of(
                                        "code-hash",
                                        "0x"
                                                + scenario.get("code_hash")
                                                        .asString()
                                                        .toUpperCase())),
                                "7"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("code-hash is not the contract's code hash");
        assertThat(lcd.unmatched()).isEmpty();
    }

    @Test
    void tokenUriIsTheNftInfoTokenUri() {
        play("nft-info-token-uri");

        Optional<String> uri = oracle("5s").tokenUri(collection(), "7");

        assertThat(lcd.unmatched()).isEmpty();
        assertThat(uri)
                .contains(SecretFixtures.scenario("nft-info-token-uri")
                        .path("secretjs_result")
                        .path("nft_info")
                        .get("token_uri")
                        .asString());
    }

    @Test
    void tokenUriOfOnChainMetadataIsADataUriOfTheExtension() {
        play("nft-info-extension");

        String uri = oracle("5s").tokenUri(collection(), "9").orElseThrow();

        assertThat(lcd.unmatched()).isEmpty();
        assertThat(uri).startsWith("data:application/json;base64,");
        JsonNode extension = JSON.readTree(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1)));
        assertThat(extension)
                .isEqualTo(SecretFixtures.scenario("nft-info-extension")
                        .path("secretjs_result")
                        .path("nft_info")
                        .get("extension"));
    }

    @Test
    void tokenUriOfAMissingTokenIsNotFound() {
        play("nft-info-not-found");

        assertThatThrownBy(() -> oracle("5s").tokenUri(collection(), "404")).isInstanceOf(TokenNotFoundException.class);
        assertThat(lcd.unmatched()).isEmpty();
    }

    @Test
    void anLcd500IsUnavailable() {
        lcd.answerQueries(
                500, "{\"code\":2,\"message\":\"rpc error: code = Unknown desc = node is syncing\",\"details\":[]}");
        play("owner-found");

        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), "7"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("node is syncing");
    }

    @Test
    void aNonJsonErrorPageIsUnavailable() {
        lcd.answerQueries(502, "<html><body>Bad Gateway</body></html>");
        play("owner-found");

        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), "7"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("HTTP 502");
    }

    @Test
    void anLcdThatNeverAnswersFailsWithinTheTimeout() {
        lcd.hangQueries();
        play("owner-found");
        SecretOwnershipOracle oracle = oracle("1s");

        long start = System.nanoTime();
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "7"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("did not answer within 1000 ms");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void dataThatDoesNotDecryptUnderTheQueryKeyIsUnavailable() {
        // the answer recorded for another query: sealed under another key
        String foreign = SecretFixtures.computeExchange(SecretFixtures.scenario("nft-info-token-uri"))
                .get("body")
                .asString();
        lcd.answerQueries(200, foreign);
        play("owner-found");

        assertThatThrownBy(() -> oracle("5s").ownerOf(collection(), "7"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void malformedAnswersAreUnavailable() {
        SecretOwnershipOracle oracle = oracle("5s");
        for (String body : new String[] {"{\"data\":", "{\"data\":\"\"}", "{\"data\":\"%%%\"}", "{}", "[]"}) {
            lcd.answerQueries(200, body);
            play("owner-found");
            assertThatThrownBy(() -> oracle.ownerOf(collection(), "7"))
                    .as(body)
                    .isInstanceOf(OracleUnavailableException.class);
        }
    }

    @Test
    void anAnswerWithoutAnOwnerAddressIsUnavailable() {
        // owner-found's answer decrypts to owner_of, but nft_info's reader finds no nft_info in it
        String ownerOfAnswer = SecretFixtures.computeExchange(SecretFixtures.scenario("owner-found"))
                .get("body")
                .asString();
        lcd.answerQueries(200, ownerOfAnswer);
        play("owner-found");

        assertThatThrownBy(() -> oracle("5s").tokenUri(collection(), "7"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("without nft_info");
    }

    @Test
    void aBrokenTxKeyIsUnavailable() {
        SecretOwnershipOracle oracle = oracle("5s");
        for (String body : new String[] {"{\"key\":\"AAEC\"}", "{}", "not json"}) {
            lcd.answerTxKey(200, body);
            assertThatThrownBy(() -> oracle.ownerOf(collection(), "7"))
                    .as(body)
                    .isInstanceOf(OracleUnavailableException.class)
                    .hasMessageContaining("tx-key");
        }
        lcd.answerTxKey(503, "{\"code\":14,\"message\":\"unavailable\",\"details\":[]}");
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "7"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void anEnclaveThatCannotDecryptMakesTheConsensusKeyBeFetchedAgain() {
        SecretOwnershipOracle oracle = oracle("5s");
        lcd.answerQueries(
                500,
                "{\"code\":2,\"message\":\"Execution error: Enclave: failed to decrypt data: query contract"
                        + " failed: unknown request\",\"details\":[]}");
        play("owner-found");
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "7"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("fetched again");
        play("owner-found");
        assertThatThrownBy(() -> oracle.ownerOf(collection(), "7")).isInstanceOf(OracleUnavailableException.class);

        assertThat(lcd.txKeyRequests()).isEqualTo(2);
    }

    @Test
    void collectionSettingsAreCheckedBeforeAnythingIsSent() {
        SecretOwnershipOracle oracle = oracle("5s");
        Map<String, String> broken = Map.of(
                "code-hash", "abc",
                "contract", "secret1notanaddress",
                "chain-id", " ",
                "rpc-url", "ftp://127.0.0.1/");
        broken.forEach((key, value) -> assertThatThrownBy(() -> oracle.ownerOf(collection(Map.of(key, value)), "7"))
                .as(key)
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining(key.equals("rpc-url") ? "rpc-url" : key));
        assertThatThrownBy(() -> oracle.ownerOf(collection(Map.of("bech32-prefix", "cosmos")), "7"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("contract");
        assertThatThrownBy(() -> oracle.ownerOf(collection(), " ")).isInstanceOf(TokenNotFoundException.class);
        assertThat(lcd.requests()).isEmpty();
    }

    @Test
    void messagesNameTheLcdWithoutItsPath() {
        SecretOwnershipOracle oracle = oracle("5s");
        lcd.answerQueries(500, "{\"code\":2,\"message\":\"boom\",\"details\":[]}");
        play("owner-found");
        Collection keyed = collection(Map.of("rpc-url", lcd.url() + "/SECRET-API-KEY/"));

        assertThatThrownBy(() -> oracle.ownerOf(keyed, "7"))
                .isInstanceOf(OracleUnavailableException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageNotContaining("SECRET-API-KEY");
        assertThat(lcd.requests()).allMatch(r -> r.startsWith("/SECRET-API-KEY/"));
    }

    @Test
    void theProductionConstructorMakesAFreshPermitKey() {
        PantheraProperties properties = properties(Map.of(), "5s");
        String a = new SecretOwnershipOracle(properties).permitAddress("secret");
        String b = new SecretOwnershipOracle(properties).permitAddress("secret");

        assertThat(a).startsWith("secret1").isNotEqualTo(b);
        assertThat(SecretTarget.isAddress(a, "secret")).isTrue();
    }
}
