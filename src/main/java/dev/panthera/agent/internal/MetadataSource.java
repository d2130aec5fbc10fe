package dev.panthera.agent.internal;

import dev.panthera.agent.internal.metadata.MetadataException;
import dev.panthera.agent.internal.metadata.MetadataLoader;
import dev.panthera.ownership.NftId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a token's URI into settings, or into the reason it could not: failures are answers here,
 * because the caller keeps the agent's last good settings and records the reason.
 */
@Component
class MetadataSource {

    private static final Logger log = LoggerFactory.getLogger(MetadataSource.class);
    private static final int STORED_URI_CHARS = 2048;

    private final MetadataLoader loader;

    MetadataSource(MetadataLoader loader) {
        this.loader = loader;
    }

    /** Exactly one of {@code settings} and {@code error} is set. */
    record Outcome(AgentSettings settings, String error) {}

    Outcome load(NftId nft, String tokenUri) {
        try {
            return new Outcome(AgentSettings.from(loader.load(nft.collection(), tokenUri), nft), null);
        } catch (MetadataException e) {
            // the message is safe by construction: no document content, decrypted or not
            log.info("Metadata of {} not usable ({}): {}", nft, e.kind(), e.getMessage());
            return new Outcome(null, e.getMessage());
        }
    }

    /**
     * The URI as stored and shown: a data: URI is the document itself (and may be large), so only
     * its header and length are kept; long URIs are cut.
     */
    static String stored(String uri) {
        if (uri == null) {
            return null;
        }
        if (uri.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = uri.indexOf(',');
            String header = comma < 0 ? "data:" : uri.substring(0, Math.min(comma + 1, 100));
            return header + "… (" + uri.length() + " characters)";
        }
        return uri.length() <= STORED_URI_CHARS ? uri : uri.substring(0, STORED_URI_CHARS) + "…";
    }
}
