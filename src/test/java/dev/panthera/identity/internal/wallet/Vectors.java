package dev.panthera.identity.internal.wallet;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.support.TestProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The reference vectors in src/test/resources/vectors, and the server configuration they assume. */
final class Vectors {

    static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");

    private Vectors() {}

    /** One vector: the fields of a valid or invalid entry (expected code null for valid ones). */
    record Vector(
            String name,
            String address,
            String message,
            String signature,
            String publicKey,
            String chainId,
            String nonce,
            String expectedCode,
            String signDocJson,
            String stdSignatureJson) {
        @Override
        public String toString() {
            return name;
        }
    }

    static JsonNode file(ChainFamily family) {
        String path = "/vectors/" + family.id() + ".json";
        try (InputStream in = Vectors.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Vector> valid(ChainFamily family) {
        return list(file(family).path("valid"));
    }

    static List<Vector> invalid(ChainFamily family) {
        return list(file(family).path("invalid"));
    }

    private static List<Vector> list(JsonNode array) {
        List<Vector> out = new ArrayList<>();
        for (JsonNode v : array) {
            out.add(new Vector(
                    v.path("name").asString(),
                    v.path("address").asString(),
                    v.path("message").asString(),
                    v.path("signature").asString(),
                    v.path("public_key").isString() ? v.path("public_key").asString() : null,
                    v.path("chain_id").isString() ? v.path("chain_id").asString() : null,
                    v.path("nonce").asString(),
                    v.path("expected_code").isString() ? v.path("expected_code").asString() : null,
                    v.path("sign_doc_json").isString() ? v.path("sign_doc_json").asString() : null,
                    v.has("std_signature") ? v.path("std_signature").toString() : null));
        }
        return out;
    }

    /** What the vectors assume: public URL http://localhost:8080, EVM chains 1 and 31337, prefixes secret and cosmos. */
    static PantheraProperties properties() {
        return properties(URI.create("http://localhost:8080"), List.of("1", "31337"));
    }

    static PantheraProperties properties(URI publicUrl, List<String> evmChainIds) {
        Map<String, Object> settings = new java.util.HashMap<>();
        settings.put("panthera.public-url", publicUrl.toString());
        for (int i = 0; i < evmChainIds.size(); i++) {
            settings.put("panthera.collections[" + i + "].id", "c" + evmChainIds.get(i));
            settings.put("panthera.collections[" + i + "].chain", "evm");
            settings.put("panthera.collections[" + i + "].chain-id", evmChainIds.get(i));
        }
        return TestProperties.of(settings);
    }

    static WalletSignInVerifier verifier() {
        return new WalletSignInVerifier(properties());
    }
}
