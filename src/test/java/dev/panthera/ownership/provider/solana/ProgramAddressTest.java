package dev.panthera.ownership.provider.solana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.acinq.bitcoin.Base58;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Program derived addresses against vectors from @solana/web3.js's
 * {@code PublicKey.findProgramAddressSync} (tools/fixtures/solana/generate.mjs): Metaplex metadata
 * accounts and associated token accounts.
 */
class ProgramAddressTest {

    static final JsonNode VECTORS = FakeSolanaRpc.fixtureJson("pda-vectors.json");

    @Test
    void metadataAccountsAreTheWeb3jsProgramAddresses() {
        assertThat(VECTORS.get("metadata_program").asString()).isEqualTo(SolanaOwnershipOracle.METADATA_PROGRAM);
        byte[] program = Base58.decode(SolanaOwnershipOracle.METADATA_PROGRAM);
        int belowTop = 0;
        for (JsonNode vector : VECTORS.get("metadata")) {
            byte[] mint = Base58.decode(vector.get("mint").asString());
            ProgramAddress.Found found = ProgramAddress.find(
                    List.of("metadata".getBytes(StandardCharsets.US_ASCII), program, mint), program);

            assertThat(found.base58())
                    .as(vector.toString())
                    .isEqualTo(vector.get("metadata_pda").asString());
            assertThat(found.bump()).isEqualTo(vector.get("bump").asInt());
            assertThat(SolanaOwnershipOracle.metadataAddress(mint)).isEqualTo(found.base58());
            belowTop += found.bump() < 255 ? 1 : 0;
        }
        assertThat(belowTop).as("vectors where bump 255 lands on the curve").isPositive();
    }

    @Test
    void associatedTokenAccountsAreTheWeb3jsProgramAddresses() {
        for (JsonNode vector : VECTORS.get("associated_token_accounts")) {
            ProgramAddress.Found found = ProgramAddress.find(
                    List.of(
                            Base58.decode(vector.get("owner").asString()),
                            Base58.decode(vector.get("token_program").asString()),
                            Base58.decode(vector.get("mint").asString())),
                    Base58.decode(vector.get("program_id").asString()));

            assertThat(found.base58()).isEqualTo(vector.get("address").asString());
            assertThat(found.bump()).isEqualTo(vector.get("bump").asInt());
        }
    }

    @Test
    void ed25519PublicKeysAreOnTheCurveAndDerivedAddressesAreNot() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < 50; i++) {
            EdECPublicKey key = (EdECPublicKey) generator.generateKeyPair().getPublic();
            assertThat(ProgramAddress.isOnCurve(encode(key))).isTrue();
        }
        JsonNode metadata = VECTORS.get("metadata");
        for (int i = 0; i < metadata.size(); i++) {
            JsonNode vector = metadata.get(i);
            assertThat(ProgramAddress.isOnCurve(
                            Base58.decode(vector.get("metadata_pda").asString())))
                    .isFalse();
            if (i < 12) { // the first twelve mints are Keypair public keys
                assertThat(ProgramAddress.isOnCurve(
                                Base58.decode(vector.get("mint").asString())))
                        .isTrue();
            }
        }
    }

    @Test
    void rejectsSeedsTheRuntimeRejects() {
        byte[] program = Base58.decode(SolanaOwnershipOracle.METADATA_PROGRAM);
        assertThatThrownBy(() -> ProgramAddress.create(List.of(new byte[33]), program))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProgramAddress.create(List.of(new byte[1]), new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesOnlyCanonicalBase58Of32Bytes() {
        String mint = VECTORS.get("metadata").get(0).get("mint").asString();
        assertThat(ProgramAddress.decode(mint)).isPresent();
        assertThat(ProgramAddress.decode("1" + mint)).isEmpty();
        assertThat(ProgramAddress.decode("0" + mint.substring(1))).isEmpty();
        assertThat(ProgramAddress.decode("abc")).isEmpty();
        assertThat(ProgramAddress.decode(null)).isEmpty();
    }

    /** RFC 8032 encoding of a JDK ed25519 public key: y little-endian, x's parity in the top bit. */
    private static byte[] encode(EdECPublicKey key) {
        byte[] bigEndian = key.getPoint().getY().toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < bigEndian.length && i < 32; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }
}
