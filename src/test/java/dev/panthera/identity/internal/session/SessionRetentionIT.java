package dev.panthera.identity.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.support.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Seed 001 retention: ended sessions go after 30 days; live and recently ended ones stay. */
@SpringBootTest
class SessionRetentionIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
    }

    @Autowired
    SessionRepository sessions;

    @Autowired
    SessionRetention retention;

    @Test
    void purgesOnlySessionsEndedMoreThanThirtyDaysAgo() {
        Instant now = Instant.now();
        SessionRecord expiredLongAgo = session(now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(33)), null);
        SessionRecord revokedLongAgo =
                session(now.minus(Duration.ofDays(35)), now.plus(Duration.ofDays(1)), now.minus(Duration.ofDays(31)));
        SessionRecord expiredRecently = session(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(3)), null);
        SessionRecord live = session(now, now.plus(Duration.ofDays(7)), null);
        for (SessionRecord s : new SessionRecord[] {expiredLongAgo, revokedLongAgo, expiredRecently, live}) {
            sessions.insert(s);
        }

        assertThat(retention.purge()).isGreaterThanOrEqualTo(2);
        assertThat(sessions.find(expiredLongAgo.sessionId())).isEmpty();
        assertThat(sessions.find(revokedLongAgo.sessionId())).isEmpty();
        assertThat(sessions.find(expiredRecently.sessionId())).isPresent();
        assertThat(sessions.find(live.sessionId())).isPresent();
    }

    private static SessionRecord session(Instant created, Instant expires, Instant revoked) {
        UUID id = UUID.randomUUID();
        return new SessionRecord(
                id,
                "0x" + "a".repeat(40),
                ChainFamily.EVM,
                null,
                null,
                false,
                AuthLevel.USER,
                "jti",
                "hash-" + id,
                created,
                expires,
                created,
                "127.0.0.1",
                "test",
                revoked,
                revoked == null ? null : "test");
    }
}
