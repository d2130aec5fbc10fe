package dev.panthera.identity.internal.ratelimit;

import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.ProblemCode;
import dev.panthera.shared.Problems;
import dev.panthera.shared.ThrottledWarning;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits {@code /v1/**}: sign-in routes per client IP, everything else per signed-in wallet (or per
 * IP when nobody is signed in). Runs in the security chain after the bearer token filter; see
 * {@link RateLimitConfig} for why it is not a servlet filter of its own.
 */
@Component
public class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    static final Set<String> SIGN_IN_ROUTES = Set.of("auth.challenge", "auth.verify", "auth.refresh");

    private final RateLimiter limiter;
    private final PantheraProperties.RateLimits config;
    private final ClientIp clientIp;
    private final ThrottledWarning storeDown =
            new ThrottledWarning(log, "Rate limits not enforced: ephemeral store failed ({})");

    public RateLimitFilter(RateLimiter limiter, PantheraProperties properties) {
        this.limiter = limiter;
        this.config = properties.rateLimits();
        // parsed now so a bad proxy entry stops startup instead of failing every request
        this.clientIp = ClientIp.trusting(properties.trustedProxies());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !config.enabled() || !path(request).startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String route = RouteKeys.of(path(request));
        boolean signIn = SIGN_IN_ROUTES.contains(route);
        WalletPrincipal wallet = signIn ? null : currentWallet();
        String subject = wallet != null ? wallet.walletAddress() : "ip:" + ipSubject(clientIp.resolve(request));
        int limit = config.routes().getOrDefault(route, signIn ? config.signIn() : config.authenticated());
        RateLimiter.Decision decision;
        try {
            decision = limiter.hit(subject, route, limit);
        } catch (RuntimeException e) {
            // an unreachable store must not take the API down with it: let the request through
            storeDown.warn(e);
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("X-RateLimit-Limit", Integer.toString(decision.limit()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            long retryAfter = decision.retryAfterSeconds();
            Problems.write(
                    response,
                    new PantheraException(
                            ProblemCode.RATE_LIMITED,
                            "Too many requests to " + route + ": " + limit + " per "
                                    + config.window().toSeconds() + " s; retry in " + retryAfter + " s",
                            Map.of("Retry-After", Long.toString(retryAfter))));
            return;
        }
        chain.doFilter(request, response);
    }

    private static WalletPrincipal currentWallet() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof WalletPrincipal principal) {
            return principal;
        }
        return null;
    }

    /** IPv6 clients get a whole /64 each (what one subscriber is given), or they could rotate past any limit. */
    static String ipSubject(String ip) {
        InetAddress address = ip.indexOf(':') >= 0 ? ClientIp.parseLiteral(ip) : null;
        if (address == null || address.getAddress().length != 16) {
            return ip;
        }
        byte[] bytes = address.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)))
                    .append(':');
        }
        return prefix.append(":/64").toString();
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
