package dev.panthera.identity.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.ProblemCode;
import dev.panthera.shared.SecretBox;
import dev.panthera.support.TestProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final SecretBox NO_BOX = new SecretBox() {
        @Override
        public byte[] seal(byte[] plaintext, String context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] open(byte[] sealed, String context) {
            throw new UnsupportedOperationException();
        }
    };

    static AccessTokens tokens(String publicUrl, ECKey... keys) {
        PantheraProperties properties = TestProperties.of(Map.of(
                "panthera.public-url", publicUrl, "panthera.auth.jwt-jwks", new JWKSet(List.of(keys)).toString(false)));
        return new AccessTokens(new JwtKeyring(properties, NO_BOX), properties);
    }

    static SessionRecord session() {
        return new SessionRecord(
                UUID.randomUUID(),
                "0xAbC",
                ChainFamily.EVM,
                "panthers",
                "42",
                true,
                AuthLevel.TEAM,
                "",
                "h",
                NOW,
                NOW.plusSeconds(3600),
                NOW,
                null,
                null,
                null,
                null);
    }

    @Test
    void aTokenCarriesTheSessionAndVerifiesUntilItExpires() {
        AccessTokens tokens = tokens("http://localhost:8080", JwtKeyring.generate());
        SessionRecord session = session();
        AccessTokens.Issued issued = tokens.issue(session, NOW);

        WalletPrincipal principal = tokens.verify(issued.token(), NOW.plusSeconds(3599));
        assertThat(principal.sessionId()).isEqualTo(session.sessionId());
        assertThat(principal.walletAddress()).isEqualTo("0xAbC");
        assertThat(principal.nftTokenId()).isEqualTo("42");
        assertThat(principal.nftCollection()).isEqualTo("panthers");
        assertThat(principal.authLevel()).isEqualTo(AuthLevel.TEAM);
        assertThat(principal.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(tokens.verify(issued.token(), NOW.plusSeconds(3599)))
                .as("a verified token is remembered, not checked again")
                .isSameAs(principal);

        assertThatThrownBy(() -> tokens.verify(issued.token(), NOW.plusSeconds(3600)))
                .isInstanceOf(PantheraException.class)
                .extracting(e -> ((PantheraException) e).code())
                .isEqualTo(ProblemCode.TOKEN_EXPIRED);
    }

    @Test
    void tokensOfAnotherKeyOrAnotherServerAreRefused() {
        ECKey ours = JwtKeyring.generate();
        ECKey theirs = JwtKeyring.generate();
        // same kid, different key material: the signature check must catch it
        ECKey impostor = new ECKey.Builder(theirs).keyID(ours.getKeyID()).build();
        String foreign =
                tokens("http://localhost:8080", theirs).issue(session(), NOW).token();
        String forged =
                tokens("http://localhost:8080", impostor).issue(session(), NOW).token();
        String otherServer =
                tokens("https://elsewhere.example", ours).issue(session(), NOW).token();

        AccessTokens verifier = tokens("http://localhost:8080", ours);
        for (String token : List.of(foreign, forged, otherServer)) {
            assertThatThrownBy(() -> verifier.verify(token, NOW))
                    .isInstanceOf(PantheraException.class)
                    .extracting(e -> ((PantheraException) e).code())
                    .isEqualTo(ProblemCode.UNAUTHORIZED);
        }
    }

    @Test
    void aRotatedKeyringSignsWithTheNewKeyAndStillAcceptsTheOld() throws Exception {
        ECKey old = JwtKeyring.generate();
        ECKey fresh = JwtKeyring.generate();
        String oldToken =
                tokens("http://localhost:8080", old).issue(session(), NOW).token();

        AccessTokens rotated = tokens("http://localhost:8080", fresh, old);
        assertThat(rotated.verify(oldToken, NOW).walletAddress()).isEqualTo("0xAbC");
        String newToken = rotated.issue(session(), NOW).token();
        assertThat(com.nimbusds.jwt.SignedJWT.parse(newToken).getHeader().getKeyID())
                .isEqualTo(fresh.getKeyID());
        assertThatThrownBy(() -> tokens("http://localhost:8080", old).verify(newToken, NOW))
                .isInstanceOf(PantheraException.class);
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        AccessTokens tokens = tokens("http://localhost:8080", JwtKeyring.generate());
        String token = tokens.issue(session(), NOW.plusSeconds(600)).token();
        assertThatThrownBy(() -> tokens.verify(token, NOW))
                .isInstanceOf(PantheraException.class)
                .extracting(e -> ((PantheraException) e).code())
                .isEqualTo(ProblemCode.UNAUTHORIZED);
    }
}
