package dev.panthera.chat.web.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class QueryTokenTest {

    @Test
    void readsTheDecodedTokenParameter() {
        assertThat(QueryToken.of(URI.create("ws://h/v1/ws?x=1&token=a.b%2Bc&y=2")))
                .isEqualTo("a.b+c");
        assertThat(QueryToken.of(URI.create("ws://h/v1/ws?token=pnt_k"))).isEqualTo("pnt_k");
    }

    @Test
    void noOrEmptyTokenIsNone() {
        assertThat(QueryToken.of(URI.create("ws://h/v1/ws"))).isNull();
        assertThat(QueryToken.of(URI.create("ws://h/v1/ws?token="))).isNull();
        assertThat(QueryToken.of(URI.create("ws://h/v1/ws?mytoken=x"))).isNull();
        assertThat(QueryToken.of(null)).isNull();
    }
}
