package dev.panthera.identity.internal.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.ProblemCode;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Access tokens: ES256 JWTs naming the wallet, the session, the chain, the NFT and the auth level.
 * Verification accepts exactly ES256 with a known {@code kid}, this issuer and audience; anything
 * else — {@code alg: none}, HMAC, a foreign key, a tampered payload — is {@code UNAUTHORIZED}, and
 * a token past its expiry is {@code TOKEN_EXPIRED}. A token once verified is remembered for up to
 * {@link #REMEMBERED} (never past its expiry), so the ECDSA check leaves the hot path; a signing key
 * dropped from the keyring thus stops its tokens within that time (sessions revoke at once: their
 * state is checked on every call by the caller).
 */
@Component
class AccessTokens {

    static final String AUDIENCE = "panthera";

    private final JwtKeyring keys;
    private final String issuer;
    private final Duration ttl;
    private final Duration skew;

    static final Duration REMEMBERED = Duration.ofMinutes(5);
    private final Cache<String, WalletPrincipal> verified = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(REMEMBERED)
            .build();

    AccessTokens(JwtKeyring keys, PantheraProperties properties) {
        this.keys = keys;
        this.issuer = properties.publicUrl().toString();
        this.ttl = properties.auth().accessTokenTtl();
        this.skew = Duration.ofSeconds(30);
    }

    record Issued(String token, String tokenId, Instant expiresAt) {}

    Issued issue(SessionRecord session, Instant now) {
        String jti = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(ttl);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(session.walletAddress())
                .jwtID(jti)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .claim("sid", session.sessionId().toString())
                .claim("chain", session.chain().id())
                .claim("lvl", session.authLevel().name().toLowerCase(Locale.ROOT));
        if (session.nftTokenId() != null) {
            claims.claim("nftc", session.nftCollection());
            claims.claim("nft", session.nftTokenId());
        }
        ECKey key = keys.signingKey();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return new Issued(jwt.serialize(), jti, expiresAt);
    }

    /** Checks signature and claims; does not look at the session's state (the caller does). */
    WalletPrincipal verify(String token, Instant now) {
        WalletPrincipal known = verified.getIfPresent(token);
        if (known != null) {
            if (now.isBefore(known.expiresAt())) {
                return known;
            }
            verified.invalidate(token);
            throw new PantheraException(ProblemCode.TOKEN_EXPIRED, "Access token has expired; refresh it");
        }
        WalletPrincipal principal = check(token, now);
        verified.put(token, principal);
        return principal;
    }

    private WalletPrincipal check(String token, Instant now) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw invalid("Access token is malformed");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            throw invalid("Access token algorithm is not accepted");
        }
        ECDSAVerifier verifier = keys.verifier(jwt.getHeader().getKeyID());
        if (verifier == null) {
            throw invalid("Access token was signed by an unknown key");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw invalid("Access token signature is invalid");
            }
        } catch (JOSEException e) {
            throw invalid("Access token signature is invalid");
        }
        if (!issuer.equals(claims.getIssuer()) || !List.of(AUDIENCE).equals(claims.getAudience())) {
            throw invalid("Access token was not issued for this server");
        }
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw invalid("Access token lacks its times");
        }
        if (!now.isBefore(exp.toInstant())) {
            throw new PantheraException(ProblemCode.TOKEN_EXPIRED, "Access token has expired; refresh it");
        }
        if (iat.toInstant().isAfter(now.plus(skew))) {
            throw invalid("Access token is issued in the future");
        }
        try {
            ChainFamily chain = ChainFamily.fromId(claims.getStringClaim("chain"));
            AuthLevel level = AuthLevel.valueOf(claims.getStringClaim("lvl").toUpperCase(Locale.ROOT));
            UUID sessionId = UUID.fromString(claims.getStringClaim("sid"));
            if (chain == null || claims.getSubject() == null) {
                throw invalid("Access token claims are incomplete");
            }
            return new WalletPrincipal(
                    claims.getSubject(),
                    chain,
                    sessionId,
                    claims.getStringClaim("nftc"),
                    claims.getStringClaim("nft"),
                    level,
                    exp.toInstant());
        } catch (ParseException | RuntimeException e) {
            if (e instanceof PantheraException pe) {
                throw pe;
            }
            throw invalid("Access token claims are malformed");
        }
    }

    private static PantheraException invalid(String detail) {
        return new PantheraException(ProblemCode.UNAUTHORIZED, detail);
    }
}
