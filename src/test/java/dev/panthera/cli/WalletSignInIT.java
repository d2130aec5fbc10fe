package dev.panthera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.PantheraCli;
import dev.panthera.identity.ChainFamily;
import dev.panthera.support.ApiClient;
import dev.panthera.support.TestEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A newcomer's terminal sign-in: `panthera wallet new` then `wallet sign-in` against a live server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WalletSignInIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, CATS);
    }

    /** A collection of this run's own: the database may hold earlier runs' tokens. */
    static final String CATS = "cats" + Long.toString(System.nanoTime() % 1_000_000, 36);

    @LocalServerPort
    int port;

    record Run(int exit, String out, String err) {}

    static Run panthera(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new PantheraCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @EnumSource(ChainFamily.class)
    void signsInFromTheTerminal(ChainFamily family) {
        Path dataDir = TestEnvironment.newDataDir();
        Run created = panthera("wallet", "new", "--chain", family.id(), "--data-dir", dataDir.toString());
        assertThat(created.exit()).as(created.err()).isZero();

        Run signedIn = panthera(
                "wallet",
                "sign-in",
                "--chain",
                family.id(),
                "--data-dir",
                dataDir.toString(),
                "--url",
                "http://127.0.0.1:" + port);
        assertThat(signedIn.exit()).as(signedIn.err()).isZero();
        JsonNode tokens = JsonMapper.builder().build().readTree(signedIn.out());
        String access = tokens.get("access_token").asString();

        ApiClient.Response me = new ApiClient(port).get("/v1/auth/me", access);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("chain")).isEqualTo(family.id());
        assertThat(created.out()).contains(me.text("wallet_address"));
    }

    @ParameterizedTest
    @EnumSource(value = ChainFamily.class, names = "EVM")
    void aRefusedSignInPrintsTheProblemAndFails(ChainFamily family) {
        Path dataDir = TestEnvironment.newDataDir();
        assertThat(panthera("wallet", "new", "--chain", family.id(), "--data-dir", dataDir.toString())
                        .exit())
                .isZero();
        Run refused = panthera(
                "wallet",
                "sign-in",
                "--chain",
                family.id(),
                "--data-dir",
                dataDir.toString(),
                "--url",
                "http://127.0.0.1:" + port,
                "--nft-token-id",
                "5");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("NOT_FOUND"); // token 5 was never minted
    }

    @org.junit.jupiter.api.Test
    void mintsSignsInWithTheNftAndTransfersFromTheTerminal() {
        Path alice = TestEnvironment.newDataDir();
        Path bob = TestEnvironment.newDataDir();
        String url = "http://127.0.0.1:" + port;
        assertThat(panthera("wallet", "new", "--chain", "evm", "--data-dir", alice.toString())
                        .exit())
                .isZero();
        String bobAddress = panthera("wallet", "new", "--chain", "solana", "--data-dir", bob.toString())
                .out()
                .strip();
        String tokenId = String.valueOf(100 + (System.nanoTime() % 9000));

        Run minted = panthera(
                "nft",
                "mint",
                "--chain",
                "evm",
                "--data-dir",
                alice.toString(),
                "--url",
                url,
                "--collection",
                CATS,
                "--token-id",
                tokenId,
                "--token-uri",
                "data:application/json,{}");
        assertThat(minted.exit()).as(minted.err()).isZero();
        assertThat(minted.out()).contains("\"nft_token_id\":\"" + tokenId + "\"");

        Run signedIn = panthera(
                "wallet",
                "sign-in",
                "--chain",
                "evm",
                "--data-dir",
                alice.toString(),
                "--url",
                url,
                "--nft-token-id",
                tokenId);
        assertThat(signedIn.exit()).as(signedIn.err()).isZero();
        String nftSession = JsonMapper.builder()
                .build()
                .readTree(signedIn.out())
                .get("access_token")
                .asString();
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/v1/auth/me", nftSession).text("nft_token_id")).isEqualTo(tokenId);

        Run moved = panthera(
                "nft",
                "transfer",
                "--chain",
                "evm",
                "--data-dir",
                alice.toString(),
                "--url",
                url,
                "--collection",
                CATS,
                "--token-id",
                tokenId,
                "--to",
                bobAddress);
        assertThat(moved.exit()).as(moved.err()).isZero();
        assertThat(api.get("/v1/auth/me", nftSession).status()).isEqualTo(401);

        Run notTheOwner = panthera(
                "nft",
                "transfer",
                "--chain",
                "evm",
                "--data-dir",
                alice.toString(),
                "--url",
                url,
                "--collection",
                CATS,
                "--token-id",
                tokenId,
                "--to",
                bobAddress);
        assertThat(notTheOwner.exit()).isEqualTo(1);
        assertThat(notTheOwner.err()).contains("NOT_OWNER");
    }
}
