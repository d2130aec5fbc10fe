package dev.panthera.identity.internal.wallet;

import dev.panthera.shared.PantheraException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The StdSignature object Keplr's {@code signArbitrary} returns,
 * {@code {"pub_key":{"type":"tendermint/PubKeySecp256k1","value":"<base64>"},"signature":"<base64>"}},
 * accepted as a JSON string in place of a bare signature.
 */
record KeplrStdSignature(String publicKey, String signature) {

    static final String PUBKEY_TYPE = "tendermint/PubKeySecp256k1";
    private static final int MAX_LENGTH = 2048;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** True when the signature argument is a JSON object rather than a bare base64 signature. */
    static boolean looksLikeJson(String signature) {
        return signature != null && signature.stripLeading().startsWith("{");
    }

    static KeplrStdSignature parse(String json) {
        if (json.length() > MAX_LENGTH) {
            throw PantheraException.validation("signature: StdSignature JSON is too long");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw PantheraException.validation("signature: not a valid StdSignature JSON object");
        }
        if (root == null || !root.isObject()) {
            throw PantheraException.validation("signature: not a valid StdSignature JSON object");
        }
        JsonNode pubKey = root.path("pub_key");
        JsonNode type = pubKey.path("type");
        if (!type.isString() || !PUBKEY_TYPE.equals(type.stringValue())) {
            throw PantheraException.validation("signature: pub_key.type must be " + PUBKEY_TYPE);
        }
        JsonNode value = pubKey.path("value");
        JsonNode sig = root.path("signature");
        if (!value.isString() || !sig.isString()) {
            throw PantheraException.validation("signature: StdSignature needs string pub_key.value and signature");
        }
        return new KeplrStdSignature(value.stringValue(), sig.stringValue());
    }
}
