package dev.panthera.identity.web;

import dev.panthera.identity.IdentityService;
import dev.panthera.identity.internal.ratelimit.RateLimitFilter;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import dev.panthera.shared.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless security: access tokens or API keys only (no cookies, no CSRF surface), every route
 * authenticated except sign-in, health, metrics and the API docs; API keys only on the model-call
 * routes; every refusal is problem+json.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static RequestMatcher publicRoutes() {
        var path = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(
                path.matcher(HttpMethod.POST, "/v1/auth/challenge"),
                path.matcher(HttpMethod.POST, "/v1/auth/verify"),
                path.matcher(HttpMethod.POST, "/v1/auth/refresh"),
                path.matcher(HttpMethod.GET, "/v1/auth/jwks"),
                // the WebSocket (and its one-channel URLs) authenticates itself: ?token= or the first message
                path.matcher(HttpMethod.GET, "/v1/ws"),
                path.matcher(HttpMethod.GET, "/v1/ws/{kind}/{id}"),
                // a local deployment's health check, like any provider's, answers without a token
                path.matcher(HttpMethod.GET, "/v1/runtime/{slug}/health"),
                path.matcher("/actuator/health"),
                path.matcher("/actuator/health/**"),
                path.matcher("/actuator/prometheus"),
                path.matcher("/actuator/info"),
                path.matcher("/v3/api-docs"),
                path.matcher("/v3/api-docs/**"),
                path.matcher("/swagger-ui.html"),
                path.matcher("/swagger-ui/**"),
                path.matcher("/error"));
    }

    /**
     * The routes an API key may call: model calls and what an OpenAI-style client needs around
     * them (its conversations, its usage). Everything else (keys, sessions, agent settings,
     * deployments …) needs a wallet session, so a leaked key cannot take over the wallet.
     */
    static RequestMatcher apiKeyRoutes() {
        var path = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(
                path.matcher(HttpMethod.GET, "/v1/models"),
                path.matcher(HttpMethod.POST, "/v1/chat/completions"),
                path.matcher(HttpMethod.POST, "/v1/agents/{collection}/{token_id}/chat"),
                path.matcher(HttpMethod.POST, "/v1/agents/{token_id}/chat"),
                path.matcher(HttpMethod.GET, "/v1/agents/{collection}/{token_id}/conversations"),
                path.matcher(HttpMethod.GET, "/v1/agents/{token_id}/conversations"),
                path.matcher(HttpMethod.GET, "/v1/conversations/**"),
                path.matcher(HttpMethod.DELETE, "/v1/conversations/**"),
                path.matcher(HttpMethod.GET, "/v1/usage"));
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, IdentityService identity, RateLimitFilter rateLimits)
            throws Exception {
        RequestMatcher publicRoutes = publicRoutes();
        BearerTokenFilter bearer = new BearerTokenFilter(identity, publicRoutes, apiKeyRoutes());
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a ->
                        a.requestMatchers(publicRoutes).permitAll().anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> Problems.write(
                                response,
                                PantheraException.unauthorized(
                                        "Authentication required: send Authorization: Bearer <access_token>")))
                        .accessDeniedHandler((request, response, ex) -> Problems.write(
                                response, new PantheraException(ProblemCode.FORBIDDEN, "Not allowed for this wallet"))))
                .addFilterBefore(bearer, AuthorizationFilter.class)
                .addFilterAfter(rateLimits, BearerTokenFilter.class);
        return http.build();
    }

    /**
     * No observation of each security filter, authentication and authorization: wrapping every
     * filter of every request cost more CPU than the spans tell (chat benchmark). HTTP server
     * observations (metrics per route) stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Panthera authenticates by token only; this keeps Spring from generating a password user. */
    @Bean
    AuthenticationManager authenticationManager() {
        return authentication -> {
            throw new ProviderNotFoundException("Panthera accepts access tokens only");
        };
    }
}
