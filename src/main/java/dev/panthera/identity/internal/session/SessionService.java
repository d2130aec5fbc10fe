package dev.panthera.identity.internal.session;

import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.IdentityService;
import dev.panthera.identity.NftOwnershipVerifier;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.identity.internal.apikey.ApiKeyService;
import dev.panthera.identity.internal.apikey.ApiKeys;
import dev.panthera.identity.internal.wallet.WalletSignInVerifier;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.ProblemCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of a session: challenge, sign-in, refresh (rotating, with reuse detection), logout,
 * listing and revoking, and revocation of every session bound to an NFT.
 */
@Service
public class SessionService implements IdentityService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    public record Challenge(String nonce, String message, Instant expiresAt) {}

    public record SignIn(
            String walletAddress,
            String message,
            String signature,
            ChainFamily chain,
            String publicKey,
            String nftCollection,
            String nftTokenId,
            String ipAddress,
            String userAgent) {}

    public record Tokens(String accessToken, String refreshToken, long expiresIn, UUID sessionId) {}

    public record SessionView(
            UUID sessionId,
            String walletAddress,
            ChainFamily chain,
            String nftCollection,
            String nftTokenId,
            AuthLevel authLevel,
            Instant createdAt,
            Instant expiresAt,
            Instant lastActivity,
            String ipAddress,
            String userAgent,
            boolean current) {}

    private final JwtKeyring keys;
    private final WalletSignInVerifier verifier;
    private final Nonces nonces;
    private final AccessTokens accessTokens;
    private final SessionRepository sessions;
    private final SessionStateCache state;
    private final AuthLevels authLevels;
    private final ObjectProvider<NftOwnershipVerifier> ownership;
    private final ApiKeyService apiKeys;
    private final Clock clock;
    private final Duration refreshTtl;

    SessionService(
            JwtKeyring keys,
            WalletSignInVerifier verifier,
            Nonces nonces,
            AccessTokens accessTokens,
            SessionRepository sessions,
            SessionStateCache state,
            AuthLevels authLevels,
            ObjectProvider<NftOwnershipVerifier> ownership,
            ApiKeyService apiKeys,
            Clock clock,
            PantheraProperties properties) {
        this.keys = keys;
        this.verifier = verifier;
        this.nonces = nonces;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.state = state;
        this.authLevels = authLevels;
        this.ownership = ownership;
        this.apiKeys = apiKeys;
        this.clock = clock;
        this.refreshTtl = properties.auth().refreshTokenTtl();
    }

    public Challenge challenge(String walletAddress, ChainFamily requested, String chainId) {
        ChainFamily family = verifier.infer(walletAddress, requested);
        String address = verifier.canonicalAddress(family, walletAddress);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(nonces.ttl());
        String nonce = nonces.issue(family, address);
        return new Challenge(
                nonce, verifier.challengeMessage(family, address, nonce, chainId, now, expiresAt), expiresAt);
    }

    @Transactional
    public Tokens signIn(SignIn request) {
        Instant now = clock.instant();
        var verified = verifier.verify(
                request.walletAddress(),
                request.message(),
                request.signature(),
                request.publicKey(),
                request.chain(),
                now);
        nonces.consume(verified.message().nonce(), verified.family(), verified.walletAddress());
        String nftCollection = null;
        if (request.nftTokenId() != null) {
            nftCollection = requireOwner(
                    verified.walletAddress(), verified.family(), request.nftCollection(), request.nftTokenId());
        }
        String refreshToken = RefreshTokens.generate();
        UUID sessionId = UUID.randomUUID();
        SessionRecord draft = new SessionRecord(
                sessionId,
                verified.walletAddress(),
                verified.family(),
                nftCollection,
                request.nftTokenId(),
                nftCollection != null,
                authLevels.of(verified.family(), verified.walletAddress()),
                "",
                RefreshTokens.hash(refreshToken),
                now,
                now.plus(refreshTtl),
                now,
                request.ipAddress(),
                truncate(request.userAgent(), 512),
                null,
                null);
        AccessTokens.Issued access = accessTokens.issue(draft, now);
        SessionRecord session = draft.withAccessTokenId(access.tokenId());
        sessions.insert(session);
        state.live(session);
        log.info(
                "Session {} started for {} wallet {}",
                sessionId,
                verified.family().id(),
                verified.walletAddress());
        return tokens(access, refreshToken, sessionId, now);
    }

    /** Exchanges a refresh token for new tokens; a token presented twice revokes its session. */
    @Transactional(noRollbackFor = PantheraException.class)
    public Tokens refresh(String refreshToken) {
        Instant now = clock.instant();
        String hash = RefreshTokens.hash(refreshToken);
        Optional<SessionRecord> current = sessions.findByRefreshHash(hash);
        if (current.isEmpty()) {
            Optional<UUID> reused = sessions.sessionOfUsedRefreshHash(hash);
            if (reused.isPresent()) {
                revoke(reused.get(), "refresh token reused", now);
                log.warn("Refresh token reuse detected; session {} revoked", reused.get());
                throw unauthorized("Refresh token was already used; the session has been revoked");
            }
            throw unauthorized("Refresh token is not valid");
        }
        SessionRecord session = current.get();
        if (!session.activeAt(now)) {
            throw unauthorized("Session has ended; sign in again");
        }
        String next = RefreshTokens.generate();
        AccessTokens.Issued access = accessTokens.issue(session, now);
        if (!sessions.rotate(
                session.sessionId(), hash, RefreshTokens.hash(next), access.tokenId(), now, now.plus(refreshTtl))) {
            // another request rotated this token at the same moment: one of the two is a replay
            revoke(session.sessionId(), "refresh token reused", now);
            throw unauthorized("Refresh token was already used; the session has been revoked");
        }
        state.live(session.withExpiresAt(now.plus(refreshTtl)));
        return tokens(access, next, session.sessionId(), now);
    }

    /** The public keys that verify access tokens, as a JWK set (RFC 7517) object. */
    public java.util.Map<String, Object> publicJwks() {
        return keys.publicKeys().toJSONObject();
    }

    public void logout(WalletPrincipal principal) {
        revoke(principal.sessionId(), "logout", clock.instant());
    }

    public List<SessionView> sessions(WalletPrincipal principal, int limit, int offset) {
        return sessions.activeForWallet(principal.walletAddress(), clock.instant(), limit, offset).stream()
                .map(s -> view(s, principal.sessionId()))
                .toList();
    }

    public SessionView current(WalletPrincipal principal) {
        return sessions.find(principal.sessionId())
                .map(s -> view(s, principal.sessionId()))
                .orElseThrow(() -> unauthorized("Session not found"));
    }

    /** Revokes one of the caller's own sessions; another wallet's session is NOT_FOUND. */
    public void revokeOwn(WalletPrincipal principal, UUID sessionId) {
        SessionRecord session = sessions.find(sessionId)
                .filter(s -> s.walletAddress().equals(principal.walletAddress()))
                .orElseThrow(() -> PantheraException.notFound("No such session"));
        revoke(session.sessionId(), "revoked by owner", clock.instant());
    }

    /** An access token (a JWT) or, by its {@code pnt_} prefix, an API key. */
    @Override
    public WalletPrincipal authenticate(String accessToken) {
        if (ApiKeys.isApiKey(accessToken)) {
            return apiKeys.authenticate(accessToken);
        }
        Instant now = clock.instant();
        WalletPrincipal principal = accessTokens.verify(accessToken, now);
        if (!state.isLive(principal.sessionId(), now, () -> sessions.find(principal.sessionId()))) {
            throw unauthorized("Session has been revoked or has ended; sign in again");
        }
        state.touch(principal.sessionId(), () -> sessions.touch(principal.sessionId(), now));
        return principal;
    }

    @Override
    public int revokeSessionsForNft(String collection, String tokenId, String keepWallet, String reason) {
        Instant now = clock.instant();
        int revoked = 0;
        var candidates = state.nftSessions(
                collection + "/" + tokenId,
                () -> sessions.activeForNft(collection, tokenId, now).stream()
                        .map(SessionRecord::sessionId)
                        .toList());
        for (UUID sessionId : candidates) {
            Optional<SessionRecord> session = sessions.find(sessionId);
            if (session.isPresent()
                    && !session.get().walletAddress().equals(keepWallet)
                    && revoke(sessionId, reason, now)) {
                revoked++;
            }
        }
        log.info("Revoked {} session(s) bound to NFT {}/{}: {}", revoked, collection, tokenId, reason);
        return revoked;
    }

    @Override
    public ChainFamily familyOf(String address) {
        return verifier.infer(address, null);
    }

    @Override
    public String canonicalAddress(ChainFamily family, String address) {
        return verifier.canonicalAddress(family, address);
    }

    private boolean revoke(UUID sessionId, String reason, Instant now) {
        boolean revoked = sessions.revoke(sessionId, reason, now);
        state.revoked(sessionId);
        return revoked;
    }

    private String requireOwner(String wallet, ChainFamily family, String collection, String nftTokenId) {
        NftOwnershipVerifier verifier = ownership.getIfAvailable();
        if (verifier == null) {
            throw PantheraException.validation(
                    "Signing in with an NFT needs a configured collection; none is configured");
        }
        return verifier.requireOwner(wallet, family, collection, nftTokenId);
    }

    private Tokens tokens(AccessTokens.Issued access, String refreshToken, UUID sessionId, Instant now) {
        return new Tokens(
                access.token(),
                refreshToken,
                Duration.between(now, access.expiresAt()).toSeconds(),
                sessionId);
    }

    private static SessionView view(SessionRecord s, UUID current) {
        return new SessionView(
                s.sessionId(),
                s.walletAddress(),
                s.chain(),
                s.nftCollection(),
                s.nftTokenId(),
                s.authLevel(),
                s.createdAt(),
                s.expiresAt(),
                s.lastActivity(),
                s.ipAddress(),
                s.userAgent(),
                s.sessionId().equals(current));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static PantheraException unauthorized(String detail) {
        return new PantheraException(ProblemCode.UNAUTHORIZED, detail);
    }
}
