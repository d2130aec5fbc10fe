package dev.panthera.chat.web;

import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.ownership.OwnershipService.CollectionInfo;
import dev.panthera.shared.PantheraException;
import org.springframework.stereotype.Component;

/**
 * Turns {@code {collection}/{token_id}} path segments into an NFT, checking the token id's shape
 * for the collection's chain at the edge (as the agent routes do); ownership is the service's check.
 */
@Component
class ChatPaths {

    private static final String COLLECTION = "[A-Za-z0-9_-]{1,64}";
    private static final String NUMBER = "0|[1-9][0-9]{0,77}";
    private static final String BASE58 = "[1-9A-HJ-NP-Za-km-z]{32,44}";

    private final OwnershipService ownership;

    ChatPaths(OwnershipService ownership) {
        this.ownership = ownership;
    }

    /** The NFT the path names; {@code collection} null when the path left it out. */
    NftId nft(String collection, String tokenId) {
        if (collection != null && !collection.matches(COLLECTION)) {
            throw PantheraException.validation("collection must be 1-64 letters, digits, '-' or '_'");
        }
        if (collection == null && ownership.collections().size() > 1) {
            throw PantheraException.validation(
                    "Several collections are configured: name one, as in /v1/agents/{collection}/{token_id}/chat");
        }
        CollectionInfo info = ownership.collection(collection);
        if ("solana".equals(info.chain())) {
            if (!tokenId.matches(BASE58)) {
                throw PantheraException.validation("token_id of " + info.id() + " must be a base58 mint address");
            }
        } else if (!tokenId.matches(NUMBER)) {
            throw PantheraException.validation(
                    "token_id of " + info.id() + " must be a number of 1-78 digits without leading zeros");
        }
        return new NftId(info.id(), tokenId);
    }
}
