package dev.panthera.identity.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.platform.cache.TestStores;
import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.support.TestProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class RateLimitFilterTest {

    private static final String ALICE = "0x71C7656EC7ab88b098defB751B7401B5f6d8976F";
    private static final String BOB = "secret1xk4dvn3w0hcl5dg7j2rqvmq2a3p9ztcgg8hqs6";

    private EphemeralStore store = TestStores.inProcess();

    @AfterEach
    void cleanUp() throws Exception {
        SecurityContextHolder.clearContext();
        ((AutoCloseable) store).close();
    }

    private RateLimitFilter filter(boolean enabled, Map<String, Integer> routes, List<String> proxies) {
        Map<String, Object> settings = new java.util.HashMap<>();
        settings.put("panthera.rate-limits.enabled", enabled);
        routes.forEach((route, limit) -> settings.put("panthera.rate-limits.routes." + route, limit));
        for (int i = 0; i < proxies.size(); i++) {
            settings.put("panthera.trusted-proxies[" + i + "]", proxies.get(i));
        }
        PantheraProperties properties = TestProperties.of(settings);
        return new RateLimitFilter(new RateLimiter(store, properties), properties);
    }

    private RateLimitFilter filter() {
        return filter(true, Map.of(), List.of());
    }

    /** One request through the filter; the response, and whether it reached the rest of the chain. */
    private record Call(MockHttpServletResponse response, boolean passed) {
        String header(String name) {
            return response.getHeader(name);
        }
    }

    private static Call call(RateLimitFilter filter, String method, String path, String ip, String wallet)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(ip);
        request.addHeader("X-Forwarded-For", "9.9.9." + (int) (Math.random() * 250));
        SecurityContextHolder.clearContext();
        if (wallet != null) {
            var principal = new WalletPrincipal(
                    wallet,
                    ChainFamily.EVM,
                    UUID.randomUUID(),
                    "panthers",
                    "1",
                    AuthLevel.USER,
                    Instant.now().plusSeconds(3600));
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Call(response, chain.getRequest() != null);
    }

    @Test
    void headersCountDownPerWallet() throws Exception {
        RateLimitFilter filter = filter();
        for (int i = 1; i <= 3; i++) {
            Call call = call(filter, "GET", "/v1/agents/panthers/42", "203.0.113.1", ALICE);
            assertThat(call.passed()).isTrue();
            assertThat(call.header("X-RateLimit-Limit")).isEqualTo("200");
            assertThat(call.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(200 - i));
            assertThat(Long.parseLong(call.header("X-RateLimit-Reset"))).isBetween(1L, 60L);
        }
    }

    @Test
    void eleventhSignInCallFromOneIpIsRefusedWithProblemJson() throws Exception {
        RateLimitFilter filter = filter();
        for (int i = 1; i <= 10; i++) {
            Call call = call(filter, "POST", "/v1/auth/challenge", "203.0.113.9", null);
            assertThat(call.passed()).isTrue();
            assertThat(call.header("X-RateLimit-Limit")).isEqualTo("10");
            assertThat(call.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
        }
        Call refused = call(filter, "POST", "/v1/auth/challenge", "203.0.113.9", null);
        assertThat(refused.passed()).isFalse();
        assertThat(refused.response().getStatus()).isEqualTo(429);
        assertThat(refused.response().getContentType()).startsWith("application/problem+json");
        assertThat(refused.response().getContentAsString()).contains("\"code\":\"RATE_LIMITED\"", "\"status\":429");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        // another client, and the same client on another sign-in route, still pass
        assertThat(call(filter, "POST", "/v1/auth/challenge", "203.0.113.10", null)
                        .passed())
                .isTrue();
        assertThat(call(filter, "POST", "/v1/auth/verify", "203.0.113.9", null).passed())
                .isTrue();
    }

    @Test
    void signInIsCountedPerIpEvenWithAWalletSignedIn() throws Exception {
        RateLimitFilter filter = filter();
        for (int i = 0; i < 10; i++) {
            call(filter, "POST", "/v1/auth/refresh", "203.0.113.20", i % 2 == 0 ? ALICE : BOB);
        }
        assertThat(call(filter, "POST", "/v1/auth/refresh", "203.0.113.20", ALICE)
                        .passed())
                .isFalse();
    }

    @Test
    void walletsAreCountedSeparatelyWhateverTheirIp() throws Exception {
        RateLimitFilter filter = filter(true, Map.of("deployments", 2), List.of());
        assertThat(call(filter, "GET", "/v1/deployments/a1", "203.0.113.1", ALICE)
                        .passed())
                .isTrue();
        assertThat(call(filter, "GET", "/v1/deployments/b2", "203.0.113.2", ALICE)
                        .passed())
                .isTrue();
        Call third = call(filter, "GET", "/v1/deployments/c3", "203.0.113.3", ALICE);
        assertThat(third.passed()).isFalse();
        assertThat(third.response().getStatus()).isEqualTo(429);
        Call bob = call(filter, "GET", "/v1/deployments/a1", "203.0.113.1", BOB);
        assertThat(bob.passed()).isTrue();
        assertThat(bob.header("X-RateLimit-Remaining")).isEqualTo("1");
        // other routes have their own counters
        assertThat(call(filter, "GET", "/v1/models", "203.0.113.1", ALICE).passed())
                .isTrue();
    }

    @Test
    void routeOverridesReplaceTheDefault() throws Exception {
        RateLimitFilter filter = filter(true, Map.of("auth.challenge", 3), List.of());
        for (int i = 0; i < 3; i++) {
            assertThat(call(filter, "POST", "/v1/auth/challenge", "203.0.113.5", null)
                            .header("X-RateLimit-Limit"))
                    .isEqualTo("3");
        }
        assertThat(call(filter, "POST", "/v1/auth/challenge", "203.0.113.5", null)
                        .passed())
                .isFalse();
        assertThat(call(filter, "POST", "/v1/auth/verify", "203.0.113.5", null).header("X-RateLimit-Limit"))
                .isEqualTo("10");
    }

    @Test
    void anonymousRequestsAreCountedPerSocketIpNotPerForwardedHeader() throws Exception {
        RateLimitFilter filter = filter(true, Map.of("models", 2), List.of());
        // call() sends a different random X-Forwarded-For each time: from an untrusted peer it changes nothing
        call(filter, "GET", "/v1/models", "198.51.100.1", null);
        call(filter, "GET", "/v1/models", "198.51.100.1", null);
        assertThat(call(filter, "GET", "/v1/models", "198.51.100.1", null).passed())
                .isFalse();
        assertThat(call(filter, "GET", "/v1/models", "198.51.100.2", null).header("X-RateLimit-Limit"))
                .isEqualTo("2");
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() throws Exception {
        RateLimitFilter filter = filter(true, Map.of("models", 1), List.of());
        assertThat(call(filter, "GET", "/v1/models", "2001:db8:1:2::1", null).passed())
                .isTrue();
        assertThat(call(filter, "GET", "/v1/models", "2001:db8:1:2::ffff", null).passed())
                .isFalse();
        assertThat(call(filter, "GET", "/v1/models", "2001:db8:1:3::1", null).passed())
                .isTrue();
    }

    @Test
    void disabledMeansNoLimitsAndNoHeaders() throws Exception {
        RateLimitFilter filter = filter(false, Map.of(), List.of());
        for (int i = 0; i < 30; i++) {
            Call call = call(filter, "POST", "/v1/auth/challenge", "203.0.113.9", null);
            assertThat(call.passed()).isTrue();
            assertThat(call.header("X-RateLimit-Limit")).isNull();
        }
    }

    @Test
    void pathsOutsideV1AreNotLimited() throws Exception {
        RateLimitFilter filter = filter(true, Map.of(), List.of());
        Call call = call(filter, "GET", "/actuator/health", "203.0.113.9", null);
        assertThat(call.passed()).isTrue();
        assertThat(call.header("X-RateLimit-Limit")).isNull();
    }

    @Test
    void aFailingStoreLetsRequestsThrough() throws Exception {
        ((AutoCloseable) store).close();
        store = new FailingStore();
        Call call = call(filter(), "GET", "/v1/models", "203.0.113.9", ALICE);
        assertThat(call.passed()).isTrue();
        assertThat(call.header("X-RateLimit-Limit")).isNull();
    }

    /** A store whose backend is down. */
    private static final class FailingStore implements EphemeralStore, AutoCloseable {
        @Override
        public void put(String key, String value, Duration ttl) {}

        @Override
        public boolean putIfAbsent(String key, String value, Duration ttl) {
            return false;
        }

        @Override
        public java.util.Optional<String> get(String key) {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<String> take(String key) {
            return java.util.Optional.empty();
        }

        @Override
        public boolean delete(String key) {
            return false;
        }

        @Override
        public WindowCount increment(String key, Duration window) {
            throw new IllegalStateException("store down");
        }

        @Override
        public WindowCount add(String key, long delta, Duration window) {
            throw new IllegalStateException("store down");
        }

        @Override
        public void addToSet(String key, String member, Duration ttl) {}

        @Override
        public void removeFromSet(String key, String member) {}

        @Override
        public java.util.Set<String> members(String key) {
            return java.util.Set.of();
        }

        @Override
        public void close() {}
    }
}
