package dev.panthera.identity.internal.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    /** Made by hand: {@code printf '<key>' | sha256sum}. */
    static final String KEY = "pnt_AbC1dE2fGhIjKlMnOpQrStUvWxYz0123456789-_abc";

    static final String KEY_SHA256 = "e4b9f722e14480047ea3030dfe3417e490fb37e0195345f2e0840a5c852d3ff0";

    @Test
    void aKeyIsThePrefixAndBase64urlOf32RandomBytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String key = ApiKeys.generate();
            assertThat(key).matches("pnt_[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(key.substring(4))).hasSize(32);
            assertThat(ApiKeys.wellFormed(key)).isTrue();
            assertThat(ApiKeys.isApiKey(key)).isTrue();
            seen.add(key);
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void theHashIsTheSha256OfTheWholeKey() {
        assertThat(HexFormat.of().formatHex(ApiKeys.hash(KEY))).isEqualTo(KEY_SHA256);
        assertThat(ApiKeys.hash(KEY.substring(4))).isNotEqualTo(ApiKeys.hash(KEY));
    }

    @Test
    void listsShowThePrefixAndEightCharacters() {
        assertThat(ApiKeys.displayPrefix(KEY)).isEqualTo("pnt_AbC1dE2f");
    }

    @Test
    void onlyTheExactShapeIsWellFormed() {
        assertThat(ApiKeys.wellFormed(KEY)).isTrue();
        assertThat(ApiKeys.wellFormed(KEY + "d")).isFalse();
        assertThat(ApiKeys.wellFormed(KEY.substring(0, 46))).isFalse();
        assertThat(ApiKeys.wellFormed(KEY.replace('-', '+'))).isFalse();
        assertThat(ApiKeys.wellFormed("prt_" + KEY.substring(4))).isFalse();
        assertThat(ApiKeys.wellFormed(KEY + "\n")).isFalse();
        assertThat(ApiKeys.wellFormed(null)).isFalse();
    }

    @Test
    void accessTokensAreNotTakenForKeys() {
        assertThat(ApiKeys.isApiKey("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))
                .isFalse();
        assertThat(ApiKeys.isApiKey("prt_" + KEY.substring(4))).isFalse();
        assertThat(ApiKeys.isApiKey(null)).isFalse();
        assertThat(ApiKeys.isApiKey("pnt_junk")).isTrue();
    }
}
