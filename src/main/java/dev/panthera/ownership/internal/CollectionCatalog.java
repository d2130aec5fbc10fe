package dev.panthera.ownership.internal;

import dev.panthera.identity.ChainFamily;
import dev.panthera.ownership.OwnershipService.CollectionInfo;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.PantheraProperties.Collection;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The configured collections, checked once at start-up (a bad entry stops the server with a
 * message naming it), and the validation of token ids against each collection (seed 000: numeric,
 * within the collection's range; Solana: a base58 mint address).
 */
@Component
public class CollectionCatalog {

    /** The chains Panthera ships oracles for; a collection on another chain needs an oracle bean of its own. */
    static final Set<String> CHAINS = Set.of("evm", "cosmos", "solana", "dev");

    // compiled once: these run on every request that names an NFT (String.matches compiles each time)
    private static final Pattern BASE58 = Pattern.compile("[1-9A-HJ-NP-Za-km-z]{32,44}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TOKEN_NUMBER = Pattern.compile("0|[1-9][0-9]{0,77}");

    private final Map<String, Collection> collections = new LinkedHashMap<>();
    private final Map<String, BigInteger[]> ranges = new LinkedHashMap<>();

    public CollectionCatalog(PantheraProperties properties) {
        for (Collection c : properties.collections()) {
            String where = "panthera.collections[" + collections.size() + "]";
            if (c.id() == null || !ID.matcher(c.id()).matches()) {
                throw new IllegalStateException(where + ".id must be 1-64 letters, digits, '-' or '_'");
            }
            if (c.chain() == null || c.chain().isBlank()) {
                throw new IllegalStateException(where + ".chain must be one of " + CHAINS);
            }
            if (!c.chain().equals("dev") && (c.rpcUrl() == null || c.rpcUrl().isBlank())) {
                throw new IllegalStateException(where + ".rpc-url is required for chain " + c.chain());
            }
            if (collections.putIfAbsent(c.id(), c) != null) {
                throw new IllegalStateException(where + ".id '" + c.id() + "' is used twice");
            }
            if (!c.chain().equals("solana")) {
                ranges.put(c.id(), range(c.tokenIds(), where));
            }
        }
    }

    public List<Collection> all() {
        return List.copyOf(collections.values());
    }

    /** The collection, or the only one when {@code id} is null; a clear 4xx otherwise. */
    public Collection get(String id) {
        if (id == null || id.isBlank()) {
            if (collections.size() == 1) {
                return collections.values().iterator().next();
            }
            throw PantheraException.validation(
                    collections.isEmpty()
                            ? "No NFT collection is configured (panthera.collections)"
                            : "Several collections are configured: name one of " + collections.keySet());
        }
        if (!ID.matcher(id).matches()) {
            throw PantheraException.validation("collection must be 1-64 letters, digits, '-' or '_'");
        }
        Collection c = collections.get(id);
        if (c == null) {
            throw PantheraException.notFound("No collection '" + id + "'; configured: " + collections.keySet());
        }
        return c;
    }

    /** Checks the token id's shape and range for its collection. */
    public void validateTokenId(Collection c, String tokenId) {
        if (tokenId == null) {
            throw PantheraException.validation("nft_token_id is required");
        }
        if (c.chain().equals("solana")) {
            if (!BASE58.matcher(tokenId).matches()) {
                throw PantheraException.validation("token_id of " + c.id() + " must be a base58 mint address");
            }
            return;
        }
        if (!TOKEN_NUMBER.matcher(tokenId).matches()) {
            throw PantheraException.validation(
                    "token_id of " + c.id() + " must be a number of 1-78 digits without leading zeros");
        }
        BigInteger[] range = ranges.get(c.id());
        BigInteger id = new BigInteger(tokenId);
        if (id.compareTo(range[0]) < 0 || id.compareTo(range[1]) > 0) {
            throw PantheraException.validation(
                    "Token id " + tokenId + " is outside " + c.id() + "'s range " + range[0] + "-" + range[1]);
        }
    }

    /** The wallet family that can own this collection's tokens; null for dev (any family). */
    public static ChainFamily family(Collection c) {
        return ChainFamily.fromId(c.chain());
    }

    public static CollectionInfo info(Collection c) {
        return new CollectionInfo(c.id(), c.chain(), family(c), c.chainId(), c.contract());
    }

    private static BigInteger[] range(String spec, String where) {
        String[] parts = spec == null ? new String[0] : spec.trim().split("\\s*-\\s*");
        try {
            if (parts.length == 2) {
                BigInteger low = new BigInteger(parts[0]);
                BigInteger high = new BigInteger(parts[1]);
                if (low.signum() >= 0 && low.compareTo(high) <= 0) {
                    return new BigInteger[] {low, high};
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalStateException(where + ".token-ids must be a range like 1-10000, not '" + spec + "'");
    }
}
