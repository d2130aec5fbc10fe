package dev.panthera.ownership.provider.secret;

import dev.panthera.shared.AminoJson;
import fr.acinq.bitcoin.Bech32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SNIP-24 query permits signed by a secp256k1 key Panthera holds. The signed bytes are the amino
 * JSON (keys sorted, no whitespace, {@code < > &} escaped) of the StdSignDoc SNIP-24 prescribes:
 * account number and sequence "0", fee 0 uscrt with gas "1", empty memo, one {@code query_permit}
 * message whose value is {permit_name, allowed_tokens, permissions}; the signature is r ‖ s (64
 * bytes, low-S, RFC 6979) over its SHA-256, as Keplr {@code signAmino} and secretjs
 * {@code newPermit} produce it. The permit sent is
 * {@code {"params":{"chain_id","permit_name","allowed_tokens","permissions"},"signature":{"pub_key":
 * {"type":"tendermint/PubKeySecp256k1","value"},"signature"}}} (secretjs's field order).
 *
 * <p>A contract answers a permit query as the permit's signer (the address of its public key).
 */
final class QueryPermit {

    static final String PERMIT_NAME = "panthera";
    static final List<String> PERMISSIONS = List.of("owner");

    private final ECKeyPair key;
    private final byte[] compressedPublicKey;
    private final Map<String, ObjectNode> signed = new ConcurrentHashMap<>();

    QueryPermit(byte[] privateKey) {
        BigInteger d = new BigInteger(1, privateKey);
        if (d.signum() == 0 || d.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new IllegalArgumentException("not a secp256k1 private key");
        }
        this.key = ECKeyPair.create(d);
        this.compressedPublicKey = Sign.publicPointFromPrivate(d).getEncoded(true);
    }

    static QueryPermit generate(SecureRandom random) {
        while (true) {
            byte[] candidate = new byte[32];
            random.nextBytes(candidate);
            BigInteger d = new BigInteger(1, candidate);
            if (d.signum() > 0 && d.compareTo(Sign.CURVE_PARAMS.getN()) < 0) {
                return new QueryPermit(candidate);
            }
        }
    }

    byte[] compressedPublicKey() {
        return compressedPublicKey.clone();
    }

    /** The signer's bech32 address: {@code prefix} + ripemd160(sha256(compressed public key)). */
    String address(String prefix) {
        byte[] sha = sha256(compressedPublicKey);
        RIPEMD160Digest ripemd = new RIPEMD160Digest();
        ripemd.update(sha, 0, sha.length);
        byte[] hash = new byte[20];
        ripemd.doFinal(hash, 0);
        return Bech32.encodeBytes(prefix, hash, Bech32.Encoding.Bech32);
    }

    /** The permit for {@code contract} on {@code chainId}, signed once and then reused. */
    ObjectNode permit(JsonMapper json, String chainId, String contract) {
        return signed.computeIfAbsent(chainId + "\n" + contract, k -> sign(json, chainId, contract))
                .deepCopy();
    }

    private ObjectNode sign(JsonMapper json, String chainId, String contract) {
        byte[] hash = sha256(
                signDoc(chainId, PERMIT_NAME, List.of(contract), PERMISSIONS).getBytes(StandardCharsets.UTF_8));
        Sign.SignatureData signature = Sign.signMessage(hash, key, false);
        byte[] rs = new byte[64];
        System.arraycopy(signature.getR(), 0, rs, 0, 32);
        System.arraycopy(signature.getS(), 0, rs, 32, 32);

        ObjectNode permit = json.createObjectNode();
        ObjectNode params = permit.putObject("params");
        params.put("chain_id", chainId);
        params.put("permit_name", PERMIT_NAME);
        params.putArray("allowed_tokens").add(contract);
        ArrayNode permissions = params.putArray("permissions");
        PERMISSIONS.forEach(permissions::add);
        ObjectNode sig = permit.putObject("signature");
        ObjectNode pubKey = sig.putObject("pub_key");
        pubKey.put("type", "tendermint/PubKeySecp256k1");
        pubKey.put("value", Base64.getEncoder().encodeToString(compressedPublicKey));
        sig.put("signature", Base64.getEncoder().encodeToString(rs));
        return permit;
    }

    /** The exact bytes (as text) a wallet signs for this permit: sorted amino JSON. */
    static String signDoc(String chainId, String permitName, List<String> allowedTokens, List<String> permissions) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"account_number\":\"0\",\"chain_id\":");
        string(sb, chainId);
        sb.append(",\"fee\":{\"amount\":[{\"amount\":\"0\",\"denom\":\"uscrt\"}],\"gas\":\"1\"},\"memo\":\"\",")
                .append("\"msgs\":[{\"type\":\"query_permit\",\"value\":{\"allowed_tokens\":");
        array(sb, allowedTokens);
        sb.append(",\"permissions\":");
        array(sb, permissions);
        sb.append(",\"permit_name\":");
        string(sb, permitName);
        sb.append("}}],\"sequence\":\"0\"}");
        return sb.toString();
    }

    private static void array(StringBuilder sb, List<String> values) {
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(sb, values.get(i));
        }
        sb.append(']');
    }

    private static void string(StringBuilder sb, String value) {
        AminoJson.appendString(sb, value);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
