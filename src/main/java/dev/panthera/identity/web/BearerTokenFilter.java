package dev.panthera.identity.web;

import dev.panthera.identity.IdentityService;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import dev.panthera.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer <access token or API key>} into the request's principal. A
 * token that fails is answered at once with its problem (UNAUTHORIZED or TOKEN_EXPIRED); public
 * routes ignore the header, so a stale token never blocks sign-in or refresh. An API key is
 * accepted only on the model-call routes (FORBIDDEN elsewhere).
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private final IdentityService identity;
    private final RequestMatcher publicRoutes;
    private final RequestMatcher apiKeyRoutes;

    BearerTokenFilter(IdentityService identity, RequestMatcher publicRoutes, RequestMatcher apiKeyRoutes) {
        this.identity = identity;
        this.publicRoutes = publicRoutes;
        this.apiKeyRoutes = apiKeyRoutes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || publicRoutes.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 8192) {
            Problems.write(
                    response,
                    PantheraException.unauthorized(
                            "Authorization must be 'Bearer <access_token>' or 'Bearer <api_key>'"));
            return;
        }
        WalletPrincipal principal;
        try {
            principal = identity.authenticate(header.substring(7).strip());
        } catch (PantheraException e) {
            Problems.write(response, e);
            return;
        }
        if (principal.viaApiKey() && !apiKeyRoutes.matches(request)) {
            Problems.write(
                    response,
                    new PantheraException(
                            ProblemCode.FORBIDDEN,
                            "API keys may only be used for model calls: /v1/models, /v1/chat/completions, agent chat,"
                                    + " conversations and /v1/usage; sign in with the wallet for this route"));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(
                principal,
                null,
                List.of(new SimpleGrantedAuthority(
                        "ROLE_" + principal.authLevel().name())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
