package dev.panthera.ownership.provider.solana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Borsh reading of metadata accounts serialized by @metaplex-foundation/mpl-token-metadata. */
class MetaplexMetadataTest {

    static final JsonNode SCENARIO = FakeSolanaRpc.fixtureJson("scenario.json");

    static byte[] accountData(String fixture) {
        JsonNode data =
                FakeSolanaRpc.fixtureJson(fixture).path("result").path("value").path("data");
        return Base64.getDecoder().decode(data.get(0).asString());
    }

    @Test
    void readsTheFieldsMplTokenMetadataWrote() {
        MetaplexMetadata metadata = MetaplexMetadata.parse(accountData("getAccountInfo-metadata.json"));

        JsonNode expected = SCENARIO.get("metadata");
        assertThat(metadata.mint()).isEqualTo(SCENARIO.get("mint").asString());
        assertThat(metadata.updateAuthority())
                .isEqualTo(expected.get("update_authority").asString());
        assertThat(metadata.name()).isEqualTo(expected.get("name").asString());
        assertThat(metadata.symbol()).isEqualTo(expected.get("symbol").asString());
        assertThat(metadata.uri()).isEqualTo(expected.get("uri").asString());
        assertThat(metadata.collection())
                .contains(new MetaplexMetadata.Collection(
                        true, SCENARIO.get("collection_mint").asString()));
    }

    @Test
    void readsAnUnverifiedCollectionAsUnverified() {
        MetaplexMetadata metadata =
                MetaplexMetadata.parse(accountData("getAccountInfo-metadata-unverified-collection.json"));

        assertThat(metadata.collection())
                .hasValueSatisfying(c -> assertThat(c.verified()).isFalse());
    }

    @Test
    void anOldAccountThatEndsEarlyHasNoCollection() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MetaplexMetadata.METADATA_V1);
        out.writeBytes(new byte[32]);
        out.writeBytes(new byte[32]);
        borshString(out, "Old\0\0\0");
        borshString(out, "OLD");
        borshString(out, "https://example.org/old.json\0\0\0\0");

        MetaplexMetadata metadata = MetaplexMetadata.parse(out.toByteArray());

        assertThat(metadata.uri()).isEqualTo("https://example.org/old.json");
        assertThat(metadata.name()).isEqualTo("Old");
        assertThat(metadata.collection()).isEmpty();
    }

    @Test
    void refusesDataThatIsNotAMetadataAccount() {
        byte[] data = accountData("getAccountInfo-metadata.json");

        assertThatThrownBy(() -> MetaplexMetadata.parse(Arrays.copyOf(data, 80)))
                .isInstanceOf(MetaplexMetadata.MalformedMetadata.class);
        byte[] edition = data.clone();
        edition[0] = 6; // MasterEditionV2
        assertThatThrownBy(() -> MetaplexMetadata.parse(edition))
                .isInstanceOf(MetaplexMetadata.MalformedMetadata.class)
                .hasMessageContaining("MetadataV1");
        byte[] hugeName = data.clone();
        ByteBuffer.wrap(hugeName, 65, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> MetaplexMetadata.parse(hugeName))
                .isInstanceOf(MetaplexMetadata.MalformedMetadata.class);
    }

    private static void borshString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(bytes.length)
                .array());
        out.writeBytes(bytes);
    }
}
