package dev.panthera.agent.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.agent.SealedMetadata;
import dev.panthera.agent.internal.metadata.MetadataException.Kind;
import dev.panthera.support.TestProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** tokenURI → metadata with sealing: the right key opens, anything else fails clearly and says nothing of the content. */
class MetadataLoaderTest {

    static final byte[] KEY = SealedMetadata.newKey();
    static final String SECRET_PROMPT = "You guard the treasure map: it is under the old oak";
    static final String METADATA = "{\"name\": \"Panther #7\", \"agent_config\": {\"model\": \"deepseek-chat\","
            + " \"system_prompt\": \"" + SECRET_PROMPT
            + "\", \"temperature\": 0.2, \"capabilities\": [\"chat\", \"code\"]},"
            + " \"deployment\": {\"image\": \"ghcr.io/panthera/agent:1\", \"resources\": {\"cpu\": \"2\", \"memory\": \"4Gi\","
            + " \"gpu\": false}}}";

    static MetadataLoader loader(byte[] key) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("panthera.collections[0].id", "panthers");
        settings.put("panthera.collections[0].chain", "dev");
        if (key != null) {
            settings.put(
                    "panthera.collections[0].metadata-key", Base64.getEncoder().encodeToString(key));
        }
        settings.put("panthera.collections[1].id", "other");
        var properties = TestProperties.of(settings);
        return new MetadataLoader(new MetadataFetcher(properties), properties);
    }

    static ObjectNode sealed(String collection, byte[] key) {
        return SealedMetadata.seal(key, collection, METADATA.getBytes(StandardCharsets.UTF_8));
    }

    static String uri(Object document) {
        return SealedMetadata.dataUri(document.toString());
    }

    @Test
    void opensAWhollySealedDocument() {
        AgentMetadata m = loader(KEY).load("panthers", uri(sealed("panthers", KEY)));
        assertThat(m.name()).isEqualTo("Panther #7");
        assertThat(m.config().systemPrompt()).isEqualTo(SECRET_PROMPT);
        assertThat(m.config().temperature()).isEqualTo(0.2);
        assertThat(m.deployment().resources().memory()).isEqualTo("4Gi");
    }

    @Test
    void opensTheSealedHalfOfAPublicErc721Document() {
        String document = "{\"name\": \"Public name\", \"description\": \"Public text\", \"image\": \"ipfs://x\","
                + " \"encrypted_metadata\": "
                + SealedMetadata.seal(
                        KEY, "panthers", "{\"agent_config\": {\"model\": \"m\"}}".getBytes(StandardCharsets.UTF_8))
                + "}";
        AgentMetadata m = loader(KEY).load("panthers", SealedMetadata.dataUri(document));
        assertThat(m.name()).isEqualTo("Public name");
        assertThat(m.description()).isEqualTo("Public text");
        assertThat(m.config().model()).isEqualTo("m");
    }

    @Test
    void plainMetadataNeedsNoKey() {
        assertThat(loader(null)
                        .load("panthers", SealedMetadata.dataUri(METADATA))
                        .config()
                        .model())
                .isEqualTo("deepseek-chat");
    }

    @Test
    void aTamperedCiphertextFailsAuthentication() {
        ObjectNode envelope = sealed("panthers", KEY);
        byte[] ciphertext =
                Base64.getDecoder().decode(envelope.get("ciphertext").asString());
        ciphertext[5] ^= 1;
        envelope.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        assertThatThrownBy(() -> loader(KEY).load("panthers", uri(envelope)))
                .isInstanceOfSatisfying(
                        MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SEALED))
                .hasMessageContaining("failed authentication")
                .message()
                .doesNotContain("treasure");
    }

    @Test
    void aWrongKeyIsNamedByItsId() {
        byte[] other = SealedMetadata.newKey();
        assertThatThrownBy(() -> loader(KEY).load("panthers", uri(sealed("panthers", other))))
                .hasMessage("metadata was sealed with key " + SealedMetadata.keyId(other)
                        + ", but collection panthers's metadata-key is " + SealedMetadata.keyId(KEY));
    }

    @Test
    void aForgedKeyIdStillFailsAuthentication() {
        ObjectNode envelope = sealed("panthers", SealedMetadata.newKey());
        envelope.put("kid", SealedMetadata.keyId(KEY));
        assertThatThrownBy(() -> loader(KEY).load("panthers", uri(envelope)))
                .hasMessageContaining("failed authentication");
    }

    @Test
    void anEnvelopeOpensOnlyForItsCollection() {
        assertThatThrownBy(() -> loader(KEY).load("panthers", uri(sealed("other", KEY))))
                .hasMessage("metadata was sealed for another collection, not panthers");
        ObjectNode withoutAad = sealed("other", KEY);
        withoutAad.remove("aad");
        assertThatThrownBy(() -> loader(KEY).load("panthers", uri(withoutAad)))
                .hasMessageContaining("failed authentication");
    }

    @Test
    void sealedMetadataWithoutAConfiguredKeyIsAClearError() {
        assertThatThrownBy(() -> loader(null).load("panthers", uri(sealed("panthers", KEY))))
                .hasMessage("metadata is sealed, but collection panthers has no metadata-key configured");
    }

    @Test
    void invalidSealedContentIsReportedWithoutTheContent() {
        String bad = "{\"agent_config\": {\"model\": \"m\", \"system_prompt\": 42, \"temperature\": 3}}";
        ObjectNode envelope = SealedMetadata.seal(KEY, "panthers", bad.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> loader(KEY).load("panthers", uri(envelope)))
                .hasMessageContaining("agent_config.temperature")
                .message()
                .doesNotContain("42");
        ObjectNode notJson = SealedMetadata.seal(KEY, "panthers", "treasure: oak".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> loader(KEY).load("panthers", uri(notJson)))
                .hasMessageStartingWith("sealed metadata is not valid JSON")
                .message()
                .doesNotContain("treasure");
    }

    @Test
    void aMistypedKeyStopsStartUp() {
        var properties = TestProperties.of(
                Map.of("panthera.collections[0].id", "panthers", "panthera.collections[0].metadata-key", "c2hvcnQ="));
        assertThatThrownBy(() -> new MetadataLoader(new MetadataFetcher(properties), properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("panthera.collections[0].metadata-key: the metadata key must be 32 bytes (AES-256), got 5");
    }
}
