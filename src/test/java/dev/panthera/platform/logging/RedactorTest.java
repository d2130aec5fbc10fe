package dev.panthera.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {

    /** A line to log and the secret in it that must not survive. */
    static Stream<Arguments> secrets() {
        String jwt = Secrets.jwt();
        String evmSignature = "0x" + Secrets.hex(65);
        String privateKey = Secrets.hex(32);
        String cosmosSignature = Secrets.base64(64);
        String solanaSignature = Secrets.base58(64);
        String solanaSecretKey = Secrets.base58(64);
        String refreshToken = Secrets.base64Url(32);
        String opaque = Secrets.hex(12);
        String chat = "my seed phrase is apple banana cherry";
        return Stream.of(
                Arguments.of("jwt anywhere", "token issued " + jwt + " ok", jwt),
                Arguments.of("bearer header", "Authorization: Bearer " + opaque, opaque),
                Arguments.of("bearer lowercase", "sent bearer " + opaque + " upstream", opaque),
                Arguments.of("evm signature", "verify sig " + evmSignature + " failed", evmSignature.substring(2)),
                Arguments.of(
                        "evm signature upper hex",
                        "sig=" + evmSignature.toUpperCase(),
                        evmSignature.substring(2).toUpperCase()),
                Arguments.of("private key 0x", "key 0x" + privateKey, privateKey),
                Arguments.of("private key bare", "loaded " + privateKey + " from env", privateKey),
                Arguments.of("ed25519 signature hex", "sig " + Secrets.hex(64), null),
                Arguments.of("cosmos signature", "cosmos sig " + cosmosSignature, cosmosSignature),
                Arguments.of("solana signature", "solana sig " + solanaSignature + ".", solanaSignature),
                Arguments.of("solana secret key", "[" + solanaSecretKey + "]", solanaSecretKey),
                Arguments.of("refresh token", "rotated " + refreshToken, refreshToken),
                Arguments.of("json signature", "{\"signature\":\"abc\",\"x\":1}", "abc"),
                Arguments.of("json access token", "{\"access_token\": \"short-1\"}", "short-1"),
                Arguments.of("json refresh token", "{\"refresh_token\":\"r-2\"}", "r-2"),
                Arguments.of("json api key", "{\"api_key\":\"pk-3\"}", "pk-3"),
                Arguments.of("json password", "{\"password\":\"hunter2\"}", "hunter2"),
                Arguments.of("json secret", "{\"secret\":\"s-4\"}", "s-4"),
                Arguments.of("json private key", "{\"private_key\":\"p-5\"}", "p-5"),
                Arguments.of("json message", "{\"message\":\"" + chat + "\"}", chat),
                Arguments.of(
                        "json messages array",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"" + chat + "\"}]}",
                        chat),
                Arguments.of("json authorization", "{\"authorization\":\"Basic dXNlcjpwYXNz\"}", "dXNlcjpwYXNz"),
                Arguments.of("escaped json", "body={\\\"password\\\":\\\"hunter2\\\"}", "hunter2"),
                Arguments.of(
                        "record toString",
                        "AuthRequest[walletAddress=0xabc, message=" + chat + ", signature=zz9]",
                        chat),
                Arguments.of("record signature", "AuthRequest[walletAddress=0xabc, signature=zz9]", "zz9"),
                Arguments.of("camel case key", "Tokens[accessToken=at-6, refreshToken=rt-7]", "at-6"),
                Arguments.of("camel case key 2", "Tokens[accessToken=at-6, refreshToken=rt-7]", "rt-7"),
                Arguments.of("suffix key", "wallet_signature=ws-8 checked", "ws-8"),
                Arguments.of("map toString", "{apiKey=ak-9, chain=evm}", "ak-9"),
                Arguments.of("query token", "GET /v1/ws?token=tk-10&x=1", "tk-10"),
                Arguments.of("header dump", "[Authorization:\"Basic dXNlcjpwYXNz\", Accept:\"*/*\"]", "dXNlcjpwYXNz"),
                Arguments.of("cookie", "Cookie: session=c-11; theme=dark", "c-11"),
                Arguments.of("redis url", "connecting to redis://:rpass-12@cache:6379/0", "rpass-12"),
                Arguments.of("postgres url", "jdbc:postgresql://panthera:pgpass-13@db:5432/panthera", "pgpass-13"),
                Arguments.of(
                        "multi-line siwe message",
                        "SignIn[message=localhost wants you to sign in\n0xAbC\n\nNonce: nonce-14\nIssued At: now, chain=evm]",
                        "nonce-14"),
                Arguments.of("prompt", "system_prompt='You are a pirate named Zed'", "pirate named Zed"),
                Arguments.of("mnemonic", "mnemonic: abandon-15", "abandon-15"),
                Arguments.of("jwks", "panthera.auth.jwt-jwks={\"keys\":[{\"d\":\"dd-16\"}]}", "dd-16"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void secretIsMasked(String name, String line, String secret) {
        String redacted = Redactor.redact(line);
        assertThat(redacted).contains(Redactor.MASK);
        if (secret != null) {
            assertThat(redacted).doesNotContain(secret);
        }
    }

    static Stream<String> ordinaryText() {
        return Stream.of(
                "wallet 0x71C7656EC7ab88b098defB751B7401B5f6d8976F signed in",
                "wallet_address=0x71c7656ec7ab88b098defb751b7401b5f6d8976f",
                "session " + UUID.randomUUID() + " refreshed",
                "GET /v1/deployments/" + UUID.randomUUID() + " 200",
                "POST /v1/agents/panthers/42/chat",
                "path /home/runner/work/PantheraApp2/src/main/java/dev/panthera/PantheraApplication",
                "owner secret1xk4dvn3w0hcl5dg7j2rqvmq2a3p9ztcgg8hqs6wv7z5l on chain secret-4",
                "wallet_address=7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV",
                "nft_token_id=42, tokens_used=1200, error_message=pod crashed",
                "Started PantheraApplication in 3.21 seconds (process running for 3.9)",
                "Tomcat started on port 8080 (http) with context path '/'",
                "dev.panthera.identity.internal.session.SessionService : refresh token rotated",
                "token_type=Bearer, expires_in=3600",
                "image sha256:" + Secrets.hex(32),
                "at org.springframework.security.web.ObservationFilterChainDecorator$VirtualFilter.doFilter(ObservationFilterChainDecorator.java:138)",
                "ConfigurationPropertiesBeanDefinitionValidator registered",
                "block 0x1b4 tx count 12",
                "2026-01-01T10:15:00.067Z INFO request took 12 ms",
                "2026-01-01T10:15:00.067Z  INFO 1 --- [panthera] [main] d.p.i.internal.session.RefreshTokens     : rotated for "
                        + "wallet 0x71C7656EC7ab88b098defB751B7401B5f6d8976F");
    }

    @ParameterizedTest
    @MethodSource("ordinaryText")
    void ordinaryTextIsLeftAlone(String line) {
        assertThat(Redactor.redact(line)).isEqualTo(line);
    }

    @Test
    void hostileInputStaysLinear() {
        String longPath = "/" + "abcdefghij".repeat(5_000) + "A1!";
        String longKeys = "signature=".repeat(5_000) + "x";
        String longHex = "0x" + "a".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Redactor.redact(longPath);
            Redactor.redact(longKeys);
            assertThat(Redactor.redact(longHex)).isEqualTo(Redactor.MASK);
        });
    }

    @Test
    void labelledSolanaAddressStaysButAnUnlabelledOneIsMasked() {
        String address = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV";
        assertThat(Redactor.redact("walletAddress=" + address)).contains(address);
        assertThat(Redactor.redact("owner: \"" + address + "\"")).contains(address);
        assertThat(Redactor.redact("session started for solana wallet " + address))
                .contains(address);
        assertThat(Redactor.redact("blob " + address)).doesNotContain(address);
    }

    @ParameterizedTest
    @MethodSource("sensitiveKeys")
    void sensitiveKeyNames(String key, boolean sensitive) {
        assertThat(Redactor.isSensitiveKey(key)).as(key).isEqualTo(sensitive);
    }

    static Stream<Arguments> sensitiveKeys() {
        List<String> yes = List.of(
                "signature",
                "access_token",
                "refreshToken",
                "api_key",
                "x-api-key",
                "password",
                "client_secret",
                "private_key",
                "message",
                "authorization",
                "walletSignature",
                "jwt_jwks",
                "token");
        List<String> no = List.of(
                "wallet_address",
                "nft_token_id",
                "error_message",
                "session_id",
                "traceId",
                "signature_valid",
                "tokens_used",
                "chain");
        return Stream.concat(
                yes.stream().map(k -> Arguments.of(k, true)), no.stream().map(k -> Arguments.of(k, false)));
    }
}
