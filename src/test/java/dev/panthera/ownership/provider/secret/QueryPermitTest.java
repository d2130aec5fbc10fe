package dev.panthera.ownership.provider.secret;

import static dev.panthera.ownership.provider.secret.SecretFixtures.CHAIN_ID;
import static dev.panthera.ownership.provider.secret.SecretFixtures.CONTRACT;
import static dev.panthera.ownership.provider.secret.SecretFixtures.JSON;
import static dev.panthera.ownership.provider.secret.SecretFixtures.PERMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** SNIP-24 permits against secretjs's newSignDoc / newPermit (tools/fixtures/secret/generate.mjs). */
class QueryPermitTest {

    static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");

    @Test
    void theSignDocIsTheOneSecretjsBuildsAndKeplrSigns() {
        assertThat(QueryPermit.signDoc(CHAIN_ID, "panthera", List.of(CONTRACT), List.of("owner")))
                .isEqualTo(PERMIT.get("sign_doc_json").asString());
    }

    @Test
    void thePermitIsByteIdenticalToSecretjsNewPermitWithADeterministicSigner() {
        QueryPermit permit = SecretFixtures.permitKey();

        JsonNode ours = permit.permit(JSON, CHAIN_ID, CONTRACT);

        assertThat(JSON.writeValueAsString(ours)).isEqualTo(JSON.writeValueAsString(PERMIT.get("permit")));
        assertThat(Base64.getEncoder().encodeToString(permit.compressedPublicKey()))
                .isEqualTo(PERMIT.get("public_key_base64").asString());
        assertThat(permit.address("secret")).isEqualTo(PERMIT.get("address").asString());
    }

    @Test
    void aSecretjsWalletSignatureVerifiesOverOurSignDoc() {
        JsonNode walletPermit = PERMIT.path("wallet_permit").get("permit");
        byte[] publicKey = Base64.getDecoder()
                .decode(walletPermit
                        .path("signature")
                        .path("pub_key")
                        .get("value")
                        .asString());
        byte[] signature = Base64.getDecoder()
                .decode(walletPermit.path("signature").get("signature").asString());
        byte[] hash = QueryPermit.sha256(QueryPermit.signDoc(CHAIN_ID, "panthera", List.of(CONTRACT), List.of("owner"))
                .getBytes(StandardCharsets.UTF_8));

        assertThat(verify(publicKey, hash, signature)).isTrue();
        assertThat(verify(publicKey, hash, tamper(signature))).isFalse();
    }

    @Test
    void ourSignatureVerifiesAndIsLowS() {
        QueryPermit permit = QueryPermit.generate(new java.security.SecureRandom());
        JsonNode signed = permit.permit(JSON, "secret-4", CONTRACT);
        byte[] signature = Base64.getDecoder()
                .decode(signed.path("signature").get("signature").asString());
        byte[] hash =
                QueryPermit.sha256(QueryPermit.signDoc("secret-4", "panthera", List.of(CONTRACT), List.of("owner"))
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(signature).hasSize(64);
        assertThat(verify(permit.compressedPublicKey(), hash, signature)).isTrue();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        assertThat(s).isLessThanOrEqualTo(SECP256K1.getN().shiftRight(1));
    }

    @Test
    void permitsAreSignedPerChainAndContract() {
        QueryPermit permit = SecretFixtures.permitKey();
        JsonNode a = permit.permit(JSON, "secret-4", CONTRACT);
        JsonNode b = permit.permit(JSON, "pulsar-3", CONTRACT);

        assertThat(a.path("params").get("chain_id").asString()).isEqualTo("secret-4");
        assertThat(b.path("params").get("chain_id").asString()).isEqualTo("pulsar-3");
        assertThat(a.path("signature").get("signature"))
                .isNotEqualTo(b.path("signature").get("signature"));
    }

    @Test
    void signDocStringsAreEscapedAsAminoJson() {
        String doc = QueryPermit.signDoc("a<b>&\"c\"\n", "p", List.of("t"), List.of("owner"));
        assertThat(doc).contains("\"chain_id\":\"a\\u003cb\\u003e\\u0026\\\"c\\\"\\n\"");
    }

    @Test
    void refusesAnInvalidPrivateKey() {
        assertThatThrownBy(() -> new QueryPermit(new byte[32])).isInstanceOf(IllegalArgumentException.class);
        byte[] n = SECP256K1.getN().toByteArray();
        assertThatThrownBy(() -> new QueryPermit(Arrays.copyOfRange(n, n.length - 32, n.length)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static boolean verify(byte[] compressedPublicKey, byte[] hash, byte[] rs) {
        ECDomainParameters domain =
                new ECDomainParameters(SECP256K1.getCurve(), SECP256K1.getG(), SECP256K1.getN(), SECP256K1.getH());
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, new ECPublicKeyParameters(SECP256K1.getCurve().decodePoint(compressedPublicKey), domain));
        return signer.verifySignature(
                hash,
                new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)));
    }

    static byte[] tamper(byte[] signature) {
        byte[] copy = signature.clone();
        copy[5] ^= 1;
        return copy;
    }
}
