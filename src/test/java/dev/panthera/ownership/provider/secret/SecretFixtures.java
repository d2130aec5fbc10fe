package dev.panthera.ownership.provider.secret;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recorded Secret Network exchanges (src/test/resources/fixtures/secret), made by
 * tools/fixtures/secret/generate.mjs: secretjs 1.22.1 as the client, against an LCD + enclave
 * written from the SecretNetwork sources.
 */
final class SecretFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNode EXCHANGES = load("exchanges.json");
    static final JsonNode PERMIT = load("permit.json");
    static final String CHAIN_ID = EXCHANGES.get("chain_id").asString();
    static final String CONTRACT = EXCHANGES.get("contract").asString();
    static final String CODE_HASH = EXCHANGES.get("code_hash").asString();
    static final String HOLDER = EXCHANGES.get("holder").asString();
    static final long BLOCK_HEIGHT = EXCHANGES.get("block_height").asLong();

    private SecretFixtures() {}

    static JsonNode load(String name) {
        return JSON.readTree(bytes(name));
    }

    static byte[] bytes(String name) {
        try (InputStream in = SecretFixtures.class.getResourceAsStream("/fixtures/secret/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode scenario(String name) {
        for (JsonNode scenario : EXCHANGES.get("scenarios")) {
            if (scenario.get("name").asString().equals(name)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("no scenario " + name);
    }

    /** The recorded /compute exchange of a scenario. */
    static JsonNode computeExchange(JsonNode scenario) {
        for (JsonNode exchange : scenario.get("exchanges")) {
            if (exchange.get("path").asString().startsWith("/compute/")) {
                return exchange;
            }
        }
        throw new IllegalArgumentException("no compute exchange in " + scenario.get("name"));
    }

    static byte[] hex(JsonNode node) {
        return HexFormat.of().parseHex(node.asString());
    }

    static byte[] consensusIoPublicKey() {
        return java.util.Base64.getDecoder()
                .decode(EXCHANGES.path("consensus_io").get("public_key_base64").asString());
    }

    static QueryPermit permitKey() {
        return new QueryPermit(hex(PERMIT.get("private_key_hex")));
    }
}
