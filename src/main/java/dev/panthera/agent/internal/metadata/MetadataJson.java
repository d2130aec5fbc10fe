package dev.panthera.agent.internal.metadata;

import dev.panthera.agent.internal.metadata.MetadataException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads metadata JSON strictly (no duplicate keys, nothing after the document, bounded nesting)
 * and reports errors by position only: Jackson's own messages quote the offending text, which may
 * be decrypted metadata.
 */
final class MetadataJson {

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(32).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private MetadataJson() {}

    static JsonMapper mapper() {
        return JSON;
    }

    /** Parses a JSON object; {@code what} names the document in messages ("metadata", "sealed metadata"). */
    static JsonNode readObject(byte[] json, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new MetadataException(Kind.BAD_JSON, what + " JSON is nested too deeply or too long");
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new MetadataException(Kind.BAD_JSON, what + " is not valid JSON" + where);
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw new MetadataException(Kind.BAD_JSON, what + " must be a JSON object");
        }
        return node;
    }
}
