package dev.panthera.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Panthera API keys ({@code pnt_…}) are masked wherever they stand; their listed prefix is not. */
class ApiKeyRedactionTest {

    /** Letters only: the generic blob rule wants a digit, so only the key rule catches this one. */
    static final String NO_DIGIT_KEY = "pnt_" + "AbCdEfGhIjKlMnOpQrStUvWxYz_-aBcDeFgHiJkLmNo".substring(0, 43);

    @Test
    void keysAreMaskedInFreeTextHeadersAndJson() {
        String random = "pnt_" + Secrets.base64Url(32);
        for (String key : new String[] {random, NO_DIGIT_KEY}) {
            assertThat(Redactor.redact("calling with " + key + " now"))
                    .doesNotContain(key.substring(4))
                    .contains(Redactor.MASK);
            assertThat(Redactor.redact("Authorization: Bearer " + key)).doesNotContain(key.substring(4));
            assertThat(Redactor.redact("{\"model\":\"panthers/1\",\"key\":\"" + key + "\"}"))
                    .doesNotContain(key.substring(4))
                    .contains("panthers/1");
            assertThat(Redactor.redact("url=http://x/v1/models?k=" + key)).doesNotContain(key.substring(4));
        }
    }

    @Test
    void theListedPrefixStaysReadable() {
        assertThat(Redactor.redact("API key pnt_AbC1dE2f revoked")).isEqualTo("API key pnt_AbC1dE2f revoked");
    }
}
