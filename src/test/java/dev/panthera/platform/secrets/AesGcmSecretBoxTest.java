package dev.panthera.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AesGcmSecretBoxTest {

    static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    final AesGcmSecretBox box = new AesGcmSecretBox(List.of(key(1)));
    final byte[] secret = "the agent's api key".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealsWithoutPlaintextAndOpensInTheSameContext() {
        byte[] sealed = box.seal(secret, "ctx");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("api key");
        assertThat(box.open(sealed, "ctx")).isEqualTo(secret);
        assertThat(box.seal(secret, "ctx")).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void tamperingOrAnotherContextFails() {
        byte[] sealed = box.seal(secret, "ctx");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(tampered, "ctx")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(sealed, "other")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(new byte[] {1, 2}, "ctx")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewKeySealsAndRetiredKeysStillOpen() {
        byte[] old = box.seal(secret, "ctx");
        AesGcmSecretBox rotated = new AesGcmSecretBox(List.of(key(2), key(1)));
        assertThat(rotated.open(old, "ctx")).isEqualTo(secret);
        byte[] fresh = rotated.seal(secret, "ctx");
        assertThatThrownBy(() -> box.open(fresh, "ctx")).hasMessageContaining(AesGcmSecretBox.keyId(key(2)));
    }

    @Test
    void keysMustBe32Bytes() {
        assertThatThrownBy(() -> new AesGcmSecretBox(List.of(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AesGcmSecretBox(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
