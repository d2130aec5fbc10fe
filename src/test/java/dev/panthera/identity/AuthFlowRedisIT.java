package dev.panthera.identity;

import dev.panthera.support.TestEnvironment;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same sign-in flow with nonces, session state and rate limits in the real Redis. */
class AuthFlowRedisIT extends AuthFlowIT {

    @BeforeAll
    static void requireRedis() {
        URI uri = URI.create(TestEnvironment.redisUrl());
        try (var socket = new java.net.Socket()) {
            socket.connect(
                    new java.net.InetSocketAddress(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort()), 2000);
        } catch (java.io.IOException e) {
            Assumptions.abort(
                    "Skipped: no Redis at " + uri.getHost() + ":" + uri.getPort() + " (" + e.getMessage() + ")");
        }
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("panthera.redis-url", TestEnvironment::redisUrl);
    }
}
