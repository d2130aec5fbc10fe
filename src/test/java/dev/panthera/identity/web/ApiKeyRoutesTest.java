package dev.panthera.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** Where an API key is accepted: model calls and their conversations and usage, nothing else. */
class ApiKeyRoutesTest {

    final RequestMatcher routes = SecurityConfig.apiKeyRoutes();

    boolean allows(String method, String path) {
        return routes.matches(new MockHttpServletRequest(method, path));
    }

    @Test
    void modelCallsAndWhatOpenAiClientsNeedAreAllowed() {
        assertThat(allows("GET", "/v1/models")).isTrue();
        assertThat(allows("POST", "/v1/chat/completions")).isTrue();
        assertThat(allows("POST", "/v1/agents/panthers/42/chat")).isTrue();
        assertThat(allows("POST", "/v1/agents/42/chat")).isTrue();
        assertThat(allows("GET", "/v1/agents/panthers/42/conversations")).isTrue();
        assertThat(allows("GET", "/v1/agents/42/conversations")).isTrue();
        assertThat(allows("GET", "/v1/conversations/3fa85f64-5717-4562-b3fc-2c963f66afa6/messages"))
                .isTrue();
        assertThat(allows("DELETE", "/v1/conversations/3fa85f64-5717-4562-b3fc-2c963f66afa6"))
                .isTrue();
        assertThat(allows("GET", "/v1/usage")).isTrue();
    }

    @Test
    void everythingElseNeedsTheWallet() {
        assertThat(allows("POST", "/v1/models")).isFalse();
        assertThat(allows("GET", "/v1/chat/completions")).isFalse();
        assertThat(allows("GET", "/v1/auth/me")).isFalse();
        assertThat(allows("POST", "/v1/auth/logout")).isFalse();
        assertThat(allows("GET", "/v1/api-keys")).isFalse();
        assertThat(allows("POST", "/v1/api-keys")).isFalse();
        assertThat(allows("DELETE", "/v1/api-keys/3fa85f64-5717-4562-b3fc-2c963f66afa6"))
                .isFalse();
        assertThat(allows("GET", "/v1/agents/panthers/42")).isFalse();
        assertThat(allows("PATCH", "/v1/agents/panthers/42/config")).isFalse();
        assertThat(allows("POST", "/v1/agents/panthers/42/status")).isFalse();
        assertThat(allows("POST", "/v1/agents/panthers/42/chat/extra")).isFalse();
        assertThat(allows("POST", "/v1/conversations/3fa85f64-5717-4562-b3fc-2c963f66afa6"))
                .isFalse();
        assertThat(allows("POST", "/v1/dev/nfts/panthers/mint")).isFalse();
        assertThat(allows("GET", "/v1/nfts/owned")).isFalse();
        assertThat(allows("POST", "/v1/deployments")).isFalse();
    }
}
