package dev.panthera.agent.internal.metadata;

import dev.panthera.agent.SealedMetadata;
import dev.panthera.agent.internal.metadata.MetadataException.Kind;
import dev.panthera.shared.PantheraProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * tokenURI to validated metadata: fetch, open what is sealed with the collection's {@code
 * metadata-key}, validate. Keys are checked at start-up, so a mistyped key stops the server rather
 * than failing every agent later.
 */
@Component
public class MetadataLoader {

    private final MetadataFetcher fetcher;
    private final Map<String, byte[]> keys = new HashMap<>();

    public MetadataLoader(MetadataFetcher fetcher, PantheraProperties properties) {
        this.fetcher = fetcher;
        List<PantheraProperties.Collection> collections = properties.collections();
        for (int i = 0; i < collections.size(); i++) {
            PantheraProperties.Collection c = collections.get(i);
            if (c.metadataKey() != null && !c.metadataKey().isBlank()) {
                try {
                    keys.put(c.id(), SealedMetadata.decodeKey(c.metadataKey()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("panthera.collections[" + i + "].metadata-key: " + e.getMessage());
                }
            }
        }
    }

    /** The agent metadata behind the URI; a {@link MetadataException} on any failure. */
    public AgentMetadata load(String collection, String tokenUri) {
        JsonNode document = MetadataJson.readObject(fetcher.fetch(tokenUri), "metadata");
        return MetadataParser.parse(unseal(collection, document));
    }

    JsonNode unseal(String collection, JsonNode document) {
        if (SealedMetadata.isEnvelope(document)) {
            return open(collection, document);
        }
        JsonNode envelope = document.get("encrypted_metadata");
        if (envelope == null) {
            return document;
        }
        ObjectNode opened = open(collection, envelope);
        // the public half of an ERC-721 document names the token when the sealed half does not
        for (String field : List.of("name", "description")) {
            if (!opened.has(field) && document.has(field)) {
                opened.set(field, document.get(field));
            }
        }
        return opened;
    }

    private ObjectNode open(String collection, JsonNode envelope) {
        if (!SealedMetadata.isEnvelope(envelope)) {
            throw new MetadataException(Kind.SEALED, "encrypted_metadata is not a sealed-metadata envelope");
        }
        byte[] key = keys.get(collection);
        if (key == null) {
            throw new MetadataException(
                    Kind.SEALED,
                    "metadata is sealed, but collection " + collection + " has no metadata-key configured");
        }
        byte[] plaintext;
        try {
            plaintext = SealedMetadata.open(key, collection, envelope);
        } catch (IllegalArgumentException e) {
            throw new MetadataException(Kind.SEALED, e.getMessage());
        }
        return (ObjectNode) MetadataJson.readObject(plaintext, "sealed metadata");
    }
}
