package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignInPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");
    private static final String ADDRESS = "0x70fcb1cc30342f2690d72Aa142e7ea272307701C";
    private static final SignInPolicy LOCAL =
            new SignInPolicy(URI.create("http://localhost:8080"), Duration.ofMinutes(5), Set.of("1", "31337"));

    private static SignInMessage message(
            String domain, String uri, String chainId, Instant issuedAt, Instant expires, Instant notBefore) {
        return SignInMessage.create(
                ChainFamily.EVM,
                domain,
                ADDRESS,
                null,
                uri,
                chainId,
                "abcdefgh1",
                issuedAt,
                expires,
                notBefore,
                null,
                List.of());
    }

    private static SignInMessage ok() {
        return message("localhost:8080", "http://localhost:8080/login", "1", NOW, NOW.plusSeconds(60), null);
    }

    private static void rejected(SignInPolicy policy, SignInMessage m, String fragment) {
        assertThatThrownBy(() -> policy.check(m, ADDRESS, NOW))
                .isInstanceOf(PantheraException.class)
                .hasMessageContaining(fragment);
    }

    @Test
    void acceptsAMessageForThisServer() {
        assertThatCode(() -> LOCAL.check(ok(), ADDRESS, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> LOCAL.check(
                        message("LOCALHOST:8080", "HTTP://LocalHost:8080", "31337", NOW.plusSeconds(300), null, NOW),
                        ADDRESS,
                        NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void domainAndOrigin() {
        rejected(LOCAL, message("localhost:8081", "http://localhost:8080", "1", NOW, null, null), "domain");
        rejected(LOCAL, message("localhost", "http://localhost:8080", "1", NOW, null, null), "domain");
        rejected(LOCAL, message("localhost:8080", "https://localhost:8080", "1", NOW, null, null), "URI");
        rejected(LOCAL, message("localhost:8080", "http://localhost:8081/", "1", NOW, null, null), "URI");
        rejected(LOCAL, message("localhost:8080", "http://localhost/", "1", NOW, null, null), "URI");
        rejected(LOCAL, message("localhost:8080", "http://user@localhost:8080/", "1", NOW, null, null), "URI");
        rejected(LOCAL, message("localhost:8080", "urn:x:localhost", "1", NOW, null, null), "URI");
        SignInPolicy https = new SignInPolicy(URI.create("https://panthera.example"), Duration.ofMinutes(5), Set.of());
        assertThatCode(() -> https.check(
                        message("panthera.example:443", "https://panthera.example:443/x", "5", NOW, null, null),
                        ADDRESS,
                        NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> https.check(
                        message("panthera.example", "https://panthera.example", "5", NOW, null, null), ADDRESS, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void timeWindow() {
        rejected(
                LOCAL,
                message("localhost:8080", "http://localhost:8080", "1", NOW.plusSeconds(301), null, null),
                "Issued At");
        rejected(LOCAL, message("localhost:8080", "http://localhost:8080", "1", NOW, NOW, null), "expired");
        rejected(
                LOCAL,
                message("localhost:8080", "http://localhost:8080", "1", NOW, null, NOW.plusSeconds(1)),
                "not valid before");
    }

    @Test
    void evmChainMustBeConfiguredWhenAnyIs() {
        rejected(LOCAL, message("localhost:8080", "http://localhost:8080", "5", NOW, null, null), "Chain ID 5");
        SignInPolicy open = new SignInPolicy(URI.create("http://localhost:8080"), Duration.ofMinutes(5), Set.of());
        assertThatCode(() -> open.check(
                        message("localhost:8080", "http://localhost:8080", "5", NOW, null, null), ADDRESS, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void addressMustBeTheWallet() {
        assertThatThrownBy(() -> LOCAL.check(ok(), ADDRESS.toLowerCase(java.util.Locale.ROOT), NOW))
                .hasMessageContaining("canonical form");
        assertThatThrownBy(() -> LOCAL.check(ok(), "0x0000000000000000000000000000000000000000", NOW))
                .hasMessageContaining("is not the wallet_address");
    }
}
