package dev.panthera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.PantheraCli;
import dev.panthera.identity.ChainFamily;
import dev.panthera.support.ApiClient;
import dev.panthera.support.TestEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;
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

    /** {@code panthera wallet new} on a chain, the wallet kept in {@code dataDir}. */
    static Run newWallet(String chain, Path dataDir) {
        return panthera("wallet", "new", "--chain", chain, "--data-dir", dataDir.toString());
    }

    /** {@code panthera <group> <action>} as the wallet of a chain kept in {@code dataDir}, against this server. */
    Run asWallet(String group, String action, String chain, Path dataDir, String... options) {
        List<String> args = new ArrayList<>(List.of(
                group,
                action,
                "--chain",
                chain,
                "--data-dir",
                dataDir.toString(),
                "--url",
                "http://127.0.0.1:" + port));
        args.addAll(List.of(options));
        return panthera(args.toArray(String[]::new));
    }

    /** {@code panthera nft transfer} of a token of {@link #CATS} from the EVM wallet in {@code dataDir}. */
    Run transfer(Path dataDir, String tokenId, String to) {
        return asWallet("nft", "transfer", "evm", dataDir, "--collection", CATS, "--token-id", tokenId, "--to", to);
    }

    /** The access token a successful {@code wallet sign-in} printed. */
    static String accessToken(Run signedIn) {
        return JsonMapper.builder()
                .build()
                .readTree(signedIn.out())
                .get("access_token")
                .asString();
    }

    @ParameterizedTest
    @EnumSource(ChainFamily.class)
    void signsInFromTheTerminal(ChainFamily family) {
        Path dataDir = TestEnvironment.newDataDir();
        Run created = newWallet(family.id(), dataDir);
        assertThat(created.exit()).as(created.err()).isZero();

        Run signedIn = asWallet("wallet", "sign-in", family.id(), dataDir);
        assertThat(signedIn.exit()).as(signedIn.err()).isZero();
        String access = accessToken(signedIn);

        ApiClient.Response me = new ApiClient(port).get("/v1/auth/me", access);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("chain")).isEqualTo(family.id());
        assertThat(created.out()).contains(me.text("wallet_address"));
    }

    @ParameterizedTest
    @EnumSource(value = ChainFamily.class, names = "EVM")
    void aRefusedSignInPrintsTheProblemAndFails(ChainFamily family) {
        Path dataDir = TestEnvironment.newDataDir();
        assertThat(newWallet(family.id(), dataDir).exit()).isZero();
        Run refused = asWallet("wallet", "sign-in", family.id(), dataDir, "--nft-token-id", "5");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("NOT_FOUND"); // token 5 was never minted
    }

    @org.junit.jupiter.api.Test
    void mintsSignsInWithTheNftAndTransfersFromTheTerminal() {
        Path alice = TestEnvironment.newDataDir();
        Path bob = TestEnvironment.newDataDir();
        assertThat(newWallet("evm", alice).exit()).isZero();
        String bobAddress = newWallet("solana", bob).out().strip();
        String tokenId = String.valueOf(100 + (System.nanoTime() % 9000));

        Run minted = asWallet(
                "nft",
                "mint",
                "evm",
                alice,
                "--collection",
                CATS,
                "--token-id",
                tokenId,
                "--token-uri",
                "data:application/json,{}");
        assertThat(minted.exit()).as(minted.err()).isZero();
        assertThat(minted.out()).contains("\"nft_token_id\":\"" + tokenId + "\"");

        Run signedIn = asWallet("wallet", "sign-in", "evm", alice, "--nft-token-id", tokenId);
        assertThat(signedIn.exit()).as(signedIn.err()).isZero();
        String nftSession = accessToken(signedIn);
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/v1/auth/me", nftSession).text("nft_token_id")).isEqualTo(tokenId);

        Run moved = transfer(alice, tokenId, bobAddress);
        assertThat(moved.exit()).as(moved.err()).isZero();
        assertThat(api.get("/v1/auth/me", nftSession).status()).isEqualTo(401);

        Run notTheOwner = transfer(alice, tokenId, bobAddress);
        assertThat(notTheOwner.exit()).isEqualTo(1);
        assertThat(notTheOwner.err()).contains("NOT_OWNER");
    }
}
