package dev.panthera.identity.web;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.identity.internal.ratelimit.ClientIp;
import dev.panthera.identity.internal.session.SessionService;
import dev.panthera.identity.web.AuthDtos.ChallengeRequest;
import dev.panthera.identity.web.AuthDtos.ChallengeResponse;
import dev.panthera.identity.web.AuthDtos.MeResponse;
import dev.panthera.identity.web.AuthDtos.RefreshRequest;
import dev.panthera.identity.web.AuthDtos.SessionList;
import dev.panthera.identity.web.AuthDtos.SessionResponse;
import dev.panthera.identity.web.AuthDtos.TokenResponse;
import dev.panthera.identity.web.AuthDtos.VerifyRequest;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Wallet sign-in and session management (DESIGN.md §3, §4). */
@RestController
@RequestMapping("/v1/auth")
@Validated
@Tag(name = "auth", description = "Wallet sign-in (EVM, Cosmos/Secret, Solana) and sessions")
class AuthController {

    private final SessionService sessions;
    private final ClientIp clientIp;

    AuthController(SessionService sessions, PantheraProperties properties) {
        this.sessions = sessions;
        this.clientIp = ClientIp.trusting(properties.trustedProxies());
    }

    @PostMapping("/challenge")
    @Operation(summary = "Issue a single-use nonce and a ready-to-sign message for the wallet's chain")
    ChallengeResponse challenge(@Valid @RequestBody ChallengeRequest request) {
        var challenge = sessions.challenge(request.walletAddress().strip(), chain(request.chain()), request.chainId());
        return new ChallengeResponse(challenge.nonce(), challenge.message(), challenge.expiresAt());
    }

    @PostMapping("/verify")
    @Operation(summary = "Verify a signed sign-in message and start a session")
    TokenResponse verify(@Valid @RequestBody VerifyRequest request, HttpServletRequest http) {
        String signature = request.signature().isString()
                ? request.signature().asString()
                : request.signature().isObject() ? request.signature().toString() : null;
        if (signature == null || signature.isBlank() || signature.length() > 4096) {
            throw PantheraException.validation("signature must be a string or a StdSignature object");
        }
        var tokens = sessions.signIn(new SessionService.SignIn(
                request.walletAddress().strip(),
                request.message(),
                signature,
                chain(request.chain()),
                request.publicKey(),
                request.collection(),
                request.nftTokenId(),
                clientIp.resolve(http),
                http.getHeader("User-Agent")));
        return response(tokens);
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for new tokens; the old refresh token dies")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return response(sessions.refresh(request.refreshToken()));
    }

    @GetMapping("/jwks")
    @Operation(summary = "Public keys (JWK set) that verify Panthera's access tokens")
    java.util.Map<String, Object> jwks() {
        return sessions.publicJwks();
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the current session")
    void logout(@AuthenticationPrincipal WalletPrincipal principal) {
        sessions.logout(principal);
    }

    @GetMapping("/me")
    @Operation(summary = "Who the access token belongs to")
    MeResponse me(@AuthenticationPrincipal WalletPrincipal principal) {
        return new MeResponse(
                principal.walletAddress(),
                AuthDtos.name(principal.chain()),
                principal.sessionId(),
                principal.nftCollection(),
                principal.nftTokenId(),
                AuthDtos.name(principal.authLevel()),
                principal.expiresAt());
    }

    @GetMapping("/sessions")
    @Operation(summary = "The caller's live sessions, newest first")
    SessionList list(
            @AuthenticationPrincipal WalletPrincipal principal,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        var list = sessions.sessions(principal, limit, offset).stream()
                .map(s -> new SessionResponse(
                        s.sessionId(),
                        s.walletAddress(),
                        AuthDtos.name(s.chain()),
                        s.nftCollection(),
                        s.nftTokenId(),
                        AuthDtos.name(s.authLevel()),
                        s.createdAt(),
                        s.expiresAt(),
                        s.lastActivity(),
                        s.ipAddress(),
                        s.userAgent(),
                        s.current()))
                .toList();
        return new SessionList(list, limit, offset);
    }

    @DeleteMapping("/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke one of the caller's sessions")
    void revoke(@AuthenticationPrincipal WalletPrincipal principal, @PathVariable UUID sessionId) {
        sessions.revokeOwn(principal, sessionId);
    }

    private static TokenResponse response(SessionService.Tokens tokens) {
        return new TokenResponse(
                tokens.accessToken(), tokens.refreshToken(), "Bearer", tokens.expiresIn(), tokens.sessionId());
    }

    private static ChainFamily chain(String chain) {
        return chain == null ? null : ChainFamily.fromId(chain);
    }
}
