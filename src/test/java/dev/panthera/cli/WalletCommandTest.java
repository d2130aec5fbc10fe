package dev.panthera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.internal.wallet.WalletSignInVerifier;
import dev.panthera.shared.PantheraException;
import dev.panthera.support.TestProperties;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WalletCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new WalletCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static WalletSignInVerifier verifier(URI publicUrl) {
        return new WalletSignInVerifier(TestProperties.of(Map.of("panthera.public-url", publicUrl.toString())));
    }

    @ParameterizedTest
    @EnumSource(ChainFamily.class)
    void newWritesAPrivateKeyFileAndSignProducesAVerifiableSignature(ChainFamily family) throws IOException {
        Result created = run("new", "--chain", family.id(), "--data-dir", dataDir.toString());
        assertThat(created.code()).as(created.err()).isZero();
        String address = created.out().strip();
        Path file = dataDir.resolve("wallets").resolve("default-" + family.id() + ".json");
        assertThat(file).exists();
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        String privateKeyHex =
                JSON.readTree(Files.readString(file)).path("private_key_hex").asString();
        assertThat(privateKeyHex).hasSize(64);
        assertThat(created.out() + created.err()).doesNotContain(privateKeyHex);

        Result shown = run("address", "--chain", family.id(), "--data-dir", dataDir.toString());
        assertThat(shown.out().strip()).isEqualTo(address);

        Instant now = Instant.now();
        WalletSignInVerifier verifier = verifier(URI.create("http://localhost:8080"));
        String message = verifier.challengeMessage(family, address, "Nonce12345678", null, now, now.plusSeconds(300));
        Path messageFile = dataDir.resolve("message.txt");
        Files.writeString(messageFile, message + "\n", StandardCharsets.UTF_8);
        Result signed = run(
                "sign",
                "--chain",
                family.id(),
                "--data-dir",
                dataDir.toString(),
                "--message-file",
                messageFile.toString());
        assertThat(signed.code()).as(signed.err()).isZero();
        JsonNode body = JSON.readTree(signed.out());
        assertThat(body.path("wallet_address").asString()).isEqualTo(address);
        assertThat(body.path("message").asString()).isEqualTo(message);
        assertThat(body.path("chain").asString()).isEqualTo(family.id());
        assertThat(body.has("public_key")).isTrue();
        String publicKey = body.path("public_key").isNull()
                ? null
                : body.path("public_key").asString();
        assertThat(publicKey == null).isEqualTo(family != ChainFamily.COSMOS);
        WalletSignInVerifier.VerifiedSignIn verified = verifier.verify(
                address, body.path("message").asString(), body.path("signature").asString(), publicKey, family, now);
        assertThat(verified.walletAddress()).isEqualTo(address);
    }

    @Test
    void newRefusesToOverwriteWithoutForceAndHonoursPrefixAndName() {
        String[] args = {
            "new", "--chain", "cosmos", "--prefix", "cosmos", "--name", "alice", "--data-dir", dataDir.toString()
        };
        Result first = run(args);
        assertThat(first.code()).isZero();
        assertThat(first.out()).startsWith("cosmos1");
        assertThat(dataDir.resolve("wallets/alice-cosmos.json")).exists();
        Result shown = run("address", "--chain", "cosmos", "--name", "alice", "--data-dir", dataDir.toString());
        assertThat(shown.out().strip()).isEqualTo(first.out().strip());
        Result again = run(args);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("--force");
        String[] forced = {"new", "--chain", "cosmos", "--name", "alice", "--data-dir", dataDir.toString(), "--force"};
        Result replaced = run(forced);
        assertThat(replaced.code()).isZero();
        assertThat(replaced.out()).startsWith("secret1");
    }

    @Test
    void errorsAreReportedWithoutAStackTrace() {
        Result missing = run("address", "--chain", "evm", "--data-dir", dataDir.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err())
                .startsWith("error: ")
                .contains("wallet new --chain evm")
                .doesNotContain("\tat ");
        assertThat(run("new", "--chain", "bitcoin", "--data-dir", dataDir.toString())
                        .code())
                .isEqualTo(2);
        assertThat(run("new", "--chain", "evm", "--name", "../x", "--data-dir", dataDir.toString())
                        .code())
                .isEqualTo(1);
        assertThat(run().out()).contains("sign-in");
    }

    @Test
    void signInRunsChallengeSignVerifyAgainstAServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        WalletSignInVerifier verifier = verifier(url);
        server.createContext("/v1/auth/challenge", exchange -> {
            JsonNode req = JSON.readTree(exchange.getRequestBody().readAllBytes());
            ChainFamily family = ChainFamily.fromId(req.path("chain").asString());
            String message = verifier.challengeMessage(
                    family,
                    req.path("wallet_address").asString(),
                    "Nonce12345678",
                    null,
                    Instant.now(),
                    Instant.now().plusSeconds(60));
            respond(exchange, 200, JSON.writeValueAsString(Map.of("nonce", "Nonce12345678", "message", message)));
        });
        server.createContext("/v1/auth/verify", exchange -> {
            JsonNode req = JSON.readTree(exchange.getRequestBody().readAllBytes());
            try {
                String publicKey = req.path("public_key").isString()
                        ? req.path("public_key").asString()
                        : null;
                verifier.verify(
                        req.path("wallet_address").asString(),
                        req.path("message").asString(),
                        req.path("signature").asString(),
                        publicKey,
                        ChainFamily.fromId(req.path("chain").asString()),
                        Instant.now());
                respond(
                        exchange,
                        200,
                        "{\"access_token\":\"t\",\"nft\":\""
                                + req.path("nft_token_id").asString() + "\"}");
            } catch (PantheraException e) {
                respond(exchange, 401, "{\"code\":\"" + e.code() + "\"}");
            }
        });
        server.start();
        try {
            for (ChainFamily family : Set.of(ChainFamily.EVM, ChainFamily.COSMOS, ChainFamily.SOLANA)) {
                run("new", "--chain", family.id(), "--data-dir", dataDir.toString());
                Result ok = run(
                        "sign-in",
                        "--chain",
                        family.id(),
                        "--data-dir",
                        dataDir.toString(),
                        "--url",
                        url.toString(),
                        "--nft-token-id",
                        "7");
                assertThat(ok.code()).as(ok.err()).isZero();
                assertThat(ok.out()).contains("\"access_token\":\"t\"").contains("\"nft\":\"7\"");
            }
            server.removeContext("/v1/auth/verify");
            server.createContext("/v1/auth/verify", exchange -> respond(exchange, 401, "{\"code\":\"NONCE_INVALID\"}"));
            Result refused =
                    run("sign-in", "--chain", "evm", "--data-dir", dataDir.toString(), "--url", url.toString());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("NONCE_INVALID");
            assertThat(refused.out()).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
