package dev.panthera.identity.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteKeysTest {

    @Test
    void literalSegmentsJoinedAndIdsDropped() {
        assertThat(RouteKeys.of("/v1/auth/challenge")).isEqualTo("auth.challenge");
        assertThat(RouteKeys.of("/v1/auth/challenge/")).isEqualTo("auth.challenge");
        assertThat(RouteKeys.of("/v1/deployments/3fa85f64-5717-4562-b3fc-2c963f66afa6"))
                .isEqualTo("deployments");
        assertThat(RouteKeys.of("/v1/agents/panthers/42/chat")).isEqualTo("agents.panthers.chat");
        assertThat(RouteKeys.of("/v1/agents/42")).isEqualTo("agents");
        assertThat(RouteKeys.of("/v1/chat/completions")).isEqualTo("chat.completions");
        assertThat(RouteKeys.of("/v1/nfts/verify-ownership")).isEqualTo("nfts.verify-ownership");
        assertThat(RouteKeys.of("/v1/wallets/0xAbC0000000000000000000000000000000000001/sessions"))
                .isEqualTo("wallets.sessions");
        assertThat(RouteKeys.of("/v1/")).isEqualTo(RouteKeys.ROOT);
        assertThat(RouteKeys.of("/v1/a/b/c/d/e/f")).isEqualTo("a.b.c.d");
    }
}
