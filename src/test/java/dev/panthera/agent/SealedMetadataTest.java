package dev.panthera.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/** The envelope format as documented: fields, key id, AAD, and what a broken envelope says. */
class SealedMetadataTest {

    static final byte[] KEY =
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void theEnvelopeIsPlainAesGcmThatAnyLibraryCanOpen() throws Exception {
        ObjectNode envelope = SealedMetadata.seal(KEY, "panthers", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(envelope.propertyNames())
                .containsExactly("panthera_sealed", "alg", "kid", "nonce", "ciphertext", "aad");
        assertThat(envelope.get("panthera_sealed").asInt()).isEqualTo(1);
        assertThat(envelope.get("alg").asString()).isEqualTo("A256GCM");
        // sha256 of the key 00..1f starts 630dcd29
        assertThat(envelope.get("kid").asString()).isEqualTo("630dcd29").isEqualTo(SealedMetadata.keyId(KEY));
        assertThat(envelope.get("aad").asString()).isEqualTo("panthera:metadata:panthers");

        // open it with nothing but the JDK, as a collection owner's own tooling would
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(KEY, "AES"),
                new GCMParameterSpec(
                        128, Base64.getDecoder().decode(envelope.get("nonce").asString())));
        cipher.updateAAD("panthera:metadata:panthers".getBytes(StandardCharsets.UTF_8));
        byte[] plain = cipher.doFinal(
                Base64.getDecoder().decode(envelope.get("ciphertext").asString()));
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(SealedMetadata.open(KEY, "panthers", envelope)).isEqualTo(plain);
    }

    @Test
    void eachSealUsesAFreshNonce() {
        byte[] data = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(SealedMetadata.seal(KEY, "p", data).get("nonce"))
                .isNotEqualTo(SealedMetadata.seal(KEY, "p", data).get("nonce"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            panthera_sealed | 2           | unsupported envelope version
            alg             | A128GCM     | unsupported envelope alg
            kid             | XYZ         | envelope kid must be 8 lowercase hex digits
            nonce           | AAAA        | envelope nonce must be 12 bytes
            nonce           | not base64! | envelope nonce is not valid base64
            ciphertext      | AAAA        | ciphertext at least 16
            """)
    void aBrokenEnvelopeSaysWhichField(String field, String value, String message) {
        ObjectNode envelope = SealedMetadata.seal(KEY, "p", "{}".getBytes(StandardCharsets.UTF_8));
        if (field.equals("panthera_sealed")) {
            envelope.put(field, Integer.parseInt(value));
        } else {
            envelope.put(field, value);
        }
        assertThatThrownBy(() -> SealedMetadata.open(KEY, "p", envelope)).hasMessageContaining(message);
    }

    @Test
    void keysMustBe32BytesOfBase64() {
        assertThat(SealedMetadata.decodeKey(Base64.getEncoder().encodeToString(KEY)))
                .isEqualTo(KEY);
        assertThatThrownBy(() -> SealedMetadata.decodeKey("%%%")).hasMessage("the metadata key is not valid base64");
        assertThatThrownBy(() -> SealedMetadata.decodeKey(null)).hasMessageContaining("must be 32 bytes");
        assertThat(SealedMetadata.newKey()).hasSize(32).isNotEqualTo(SealedMetadata.newKey());
    }

    @Test
    void dataUrisCarryTheDocument() {
        assertThat(SealedMetadata.dataUri("{}")).isEqualTo("data:application/json;base64,e30=");
    }
}
