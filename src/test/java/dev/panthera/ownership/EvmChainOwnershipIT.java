package dev.panthera.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.PantheraApplication;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.TestEnvironment;
import dev.panthera.support.chain.Erc721;
import dev.panthera.support.chain.HardhatNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * The token is the key, on a real chain: a local Hardhat node with an OpenZeppelin ERC-721. Sign-in
 * with the NFT, another wallet refused, an on-chain transfer revoking the previous owner's session
 * within one polling interval + 2 s, and a restart of Panthera missing no transfer made while it
 * was down.
 */
class EvmChainOwnershipIT {

    static final Duration POLL = Duration.ofSeconds(1);

    static HardhatNode node;
    static Erc721 nft;
    static Credentials alice;
    static Credentials bob;
    static String collection;

    @BeforeAll
    static void chain() {
        node = HardhatNode.shared();
        Credentials deployer = node.accounts().get(0);
        alice = node.accounts().get(1);
        bob = node.accounts().get(2);
        nft = node.deployCollection(deployer);
        for (int id = 1; id <= 3; id++) {
            nft.mint(deployer, alice.getAddress(), BigInteger.valueOf(id), "data:application/json,{}");
        }
        collection = "evm" + System.nanoTime() % 1_000_000;
    }

    static DevWallet wallet(Credentials account) {
        return DevWallet.fromPrivateKey(
                ChainFamily.EVM,
                null,
                Numeric.toBytesPadded(account.getEcKeyPair().getPrivateKey(), 32));
    }

    static ConfigurableApplicationContext start(Path dataDir) {
        String db = TestEnvironment.databaseUrl();
        return new SpringApplicationBuilder(PantheraApplication.class)
                .run(
                        "--server.port=0",
                        "--panthera.data-dir=" + dataDir,
                        "--panthera.database-url=" + (db == null ? "" : db),
                        "--panthera.collections[0].id=" + collection,
                        "--panthera.collections[0].chain=evm",
                        "--panthera.collections[0].rpc-url=" + node.rpcUrl(),
                        "--panthera.collections[0].chain-id=" + node.chainId(),
                        "--panthera.collections[0].contract=" + nft.address(),
                        "--panthera.collections[0].start-block=" + nft.deployBlock(),
                        "--panthera.collections[0].confirmations=1",
                        "--panthera.ownership.poll-interval=" + POLL.toMillis() + "ms",
                        "--panthera.rate-limits.enabled=false");
    }

    static ApiClient api(ConfigurableApplicationContext app) {
        return new ApiClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    }

    static Response signIn(ApiClient api, DevWallet wallet, String tokenId) {
        return api.signIn(wallet, tokenId);
    }

    /** Milliseconds until the token stops working (401), or -1 after the deadline. */
    static long millisUntilRefused(ApiClient api, String accessToken, Duration deadline) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < deadline.toNanos()) {
            if (api.get("/v1/auth/me", accessToken).status() == 401) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(50);
        }
        return -1;
    }

    @Test
    void accessFollowsTheTokenOnChainAcrossARestart() throws Exception {
        Path dataDir = TestEnvironment.newDataDir();
        DevWallet aliceWallet = wallet(alice);
        DevWallet bobWallet = wallet(bob);
        String aliceToken2;
        try (ConfigurableApplicationContext app = start(dataDir)) {
            ApiClient api = api(app);
            Response aliceSession = signIn(api, aliceWallet, "1");
            assertThat(aliceSession.status()).as(aliceSession.raw().body()).isEqualTo(200);
            assertThat(signIn(api, bobWallet, "1").code()).isEqualTo("NOT_OWNER");
            assertThat(signIn(api, aliceWallet, "99").code()).isEqualTo("NOT_FOUND");

            nft.transfer(alice, bob.getAddress(), BigInteger.ONE);
            node.mine(1); // the transfer now has its one confirmation
            long revokedAfter = millisUntilRefused(api, aliceSession.text("access_token"), POLL.plusSeconds(2));
            assertThat(revokedAfter)
                    .as("the previous owner is refused within one polling interval + 2 s")
                    .isBetween(0L, POLL.plusSeconds(2).toMillis());
            assertThat(signIn(api, bobWallet, "1").status()).isEqualTo(200);
            assertThat(signIn(api, aliceWallet, "1").code()).isEqualTo("NOT_OWNER");

            aliceToken2 = signIn(api, aliceWallet, "2").text("access_token");
        }

        // while Panthera is down, tokens 2 and 3 move on chain
        nft.transfer(alice, bob.getAddress(), BigInteger.TWO);
        nft.transfer(alice, bob.getAddress(), BigInteger.valueOf(3));
        node.mine(2);

        try (ConfigurableApplicationContext app = start(dataDir)) {
            ApiClient api = api(app);
            assertThat(millisUntilRefused(api, aliceToken2, POLL.plusSeconds(3)))
                    .as("the transfer made while Panthera was down is applied after the restart")
                    .isNotNegative();
            JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
            // the session is refused as soon as the revocation is cached; the rows commit with the poll
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(
                                    jdbc.sql("select token_id from nft_transfer_events where collection = ?"
                                                    + " and to_address = ? order by block_height")
                                            .params(collection, Keys.toChecksumAddress(bob.getAddress()))
                                            .query(String.class)
                                            .list())
                            .as("each transfer stored once, owners in EIP-55 form")
                            .containsExactly("1", "2", "3"));
            assertThat(signIn(api, bobWallet, "3").status()).isEqualTo(200);
        }
    }
}
