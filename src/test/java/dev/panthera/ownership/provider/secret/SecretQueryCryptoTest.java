package dev.panthera.ownership.provider.secret;

import static dev.panthera.ownership.provider.secret.SecretFixtures.EXCHANGES;
import static dev.panthera.ownership.provider.secret.SecretFixtures.JSON;
import static dev.panthera.ownership.provider.secret.SecretFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Query encryption byte for byte as secretjs's EncryptionUtilsImpl does it (same seed, same
 * nonce, same consensus key → same request bytes), and the recorded enclave answers decrypted.
 */
class SecretQueryCryptoTest {

    static final Pattern ENCRYPTED = Pattern.compile("encrypted: ([A-Za-z0-9+/=]+)");

    @Test
    void theHkdfSaltIsTheOneSecretjsAndTheEnclaveUse() {
        assertThat(HexFormat.of().formatHex(SecretQueryCrypto.HKDF_SALT))
                .isEqualTo(EXCHANGES.get("hkdf_salt_hex").asString())
                .isEqualTo("000000000000000000024bead8df69990852c202db0e0097c1a12ea637d7e96d");
    }

    @Test
    void keyPairsFromSeedsAreCurve25519jsKeyPairs() {
        JsonNode consensus = EXCHANGES.get("consensus_io");
        SecretQueryCrypto.KeyPair pair = SecretQueryCrypto.KeyPair.fromSeed(hex(consensus.get("seed_hex")));
        assertThat(HexFormat.of().formatHex(pair.privateKey()))
                .isEqualTo(consensus.get("private_key_hex").asString());
        assertThat(pair.publicKey()).isEqualTo(SecretFixtures.consensusIoPublicKey());

        for (JsonNode scenario : EXCHANGES.get("scenarios")) {
            assertThat(SecretQueryCrypto.KeyPair.fromSeed(hex(scenario.get("encryption_seed_hex")))
                            .publicKey())
                    .isEqualTo(hex(scenario.get("client_public_key_hex")));
        }
    }

    @Test
    void txEncryptionKeysAreSecretjsKeys() {
        for (JsonNode scenario : EXCHANGES.get("scenarios")) {
            SecretQueryCrypto.KeyPair client =
                    SecretQueryCrypto.KeyPair.fromSeed(hex(scenario.get("encryption_seed_hex")));
            byte[] key = SecretQueryCrypto.txEncryptionKey(
                    client.privateKey(), SecretFixtures.consensusIoPublicKey(), hex(scenario.get("nonce_hex")));

            assertThat(key).as(scenario.get("name").asString()).isEqualTo(hex(scenario.get("tx_encryption_key_hex")));
        }
    }

    @Test
    void encryptedQueriesAreByteIdenticalToSecretjs() {
        for (JsonNode scenario : EXCHANGES.get("scenarios")) {
            SecretQueryCrypto.EncryptedQuery query = SecretQueryCrypto.encrypt(
                    hex(scenario.get("encryption_seed_hex")),
                    hex(scenario.get("nonce_hex")),
                    SecretFixtures.consensusIoPublicKey(),
                    scenario.get("code_hash").asString(),
                    scenario.get("query_json").asString());

            assertThat(Base64.getEncoder().encodeToString(query.bytes()))
                    .as(scenario.get("name").asString())
                    .isEqualTo(scenario.get("encrypted_query_base64").asString());
        }
    }

    @Test
    void recordedAnswersDecryptToWhatSecretjsRead() throws GeneralSecurityException {
        for (String name : new String[] {"owner-found", "nft-info-token-uri", "nft-info-extension"}) {
            JsonNode scenario = SecretFixtures.scenario(name);
            JsonNode body = JSON.readTree(
                    SecretFixtures.computeExchange(scenario).get("body").asString());

            byte[] plaintext = SecretQueryCrypto.open(
                    hex(scenario.get("tx_encryption_key_hex")),
                    Base64.getDecoder().decode(body.get("data").asString()));
            JsonNode result = JSON.readTree(Base64.getDecoder().decode(new String(plaintext, StandardCharsets.UTF_8)));

            assertThat(result).as(name).isEqualTo(scenario.get("secretjs_result"));
        }
    }

    @Test
    void recordedContractErrorsDecryptToWhatSecretjsRead() throws GeneralSecurityException {
        for (String name : new String[] {"owner-not-found", "owner-not-authorized", "nft-info-not-found"}) {
            JsonNode scenario = SecretFixtures.scenario(name);
            String message = JSON.readTree(
                            SecretFixtures.computeExchange(scenario).get("body").asString())
                    .get("message")
                    .asString();
            Matcher matcher = ENCRYPTED.matcher(message);
            assertThat(matcher.find()).isTrue();

            byte[] plaintext = SecretQueryCrypto.open(
                    hex(scenario.get("tx_encryption_key_hex")),
                    Base64.getDecoder().decode(matcher.group(1)));

            assertThat(new String(plaintext, StandardCharsets.UTF_8))
                    .isEqualTo(scenario.get("secretjs_result").asString());
        }
    }

    @Test
    void aesSivWithA32ByteKeyIsRfc5297AesSiv() throws GeneralSecurityException {
        // RFC 5297 appendix A.1 (one associated-data string)
        byte[] key = HexFormat.of().parseHex("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        byte[] ad = HexFormat.of().parseHex("101112131415161718191a1b1c1d1e1f2021222324252627");
        byte[] plaintext = HexFormat.of().parseHex("112233445566778899aabbccddee");
        byte[] expected = HexFormat.of().parseHex("85632d07c6e8f37f950acd320a2ecc9340c02b9690c4dc04daef7f6afe5c");

        assertThat(new com.google.crypto.tink.subtle.AesSiv(key).encryptDeterministically(plaintext, ad))
                .isEqualTo(expected);
    }

    @Test
    void aTamperedOrForeignCiphertextDoesNotOpen() {
        JsonNode scenario = SecretFixtures.scenario("owner-found");
        byte[] key = hex(scenario.get("tx_encryption_key_hex"));
        byte[] sealed = SecretQueryCrypto.seal(key, "{}".getBytes(StandardCharsets.UTF_8));
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> SecretQueryCrypto.open(key, sealed)).isInstanceOf(GeneralSecurityException.class);
        byte[] otherKey = hex(SecretFixtures.scenario("owner-not-found").get("tx_encryption_key_hex"));
        byte[] good = SecretQueryCrypto.seal(key, "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SecretQueryCrypto.open(otherKey, good)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aLowOrderConsensusKeyIsRefused() {
        SecretQueryCrypto.KeyPair client = SecretQueryCrypto.KeyPair.fromSeed(new byte[32]);
        assertThatThrownBy(() -> SecretQueryCrypto.txEncryptionKey(client.privateKey(), new byte[32], new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
