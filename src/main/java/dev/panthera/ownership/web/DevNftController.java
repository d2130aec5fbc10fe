package dev.panthera.ownership.web;

import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.IdentityService;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.internal.CollectionCatalog;
import dev.panthera.ownership.internal.TransferWatcher;
import dev.panthera.ownership.provider.dev.DevNftRegistry;
import dev.panthera.ownership.provider.dev.DevNftRegistry.DevToken;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties.Collection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Minting and transferring on the dev chain (collections with {@code chain: dev}): any signed-in
 * wallet may mint an unminted token (to itself by default); only the owner, or an admin, transfers.
 * Each change is applied at once (cache, sessions, OwnershipTransferred) as a chain transfer would be.
 */
@RestController
@RequestMapping("/v1/dev/nfts/{collection}")
@Tag(name = "dev-nfts", description = "The built-in dev chain: mint and transfer NFTs without a blockchain")
class DevNftController {

    private final CollectionCatalog catalog;
    private final DevNftRegistry registry;
    private final TransferWatcher watcher;
    private final IdentityService identity;

    DevNftController(
            CollectionCatalog catalog, DevNftRegistry registry, TransferWatcher watcher, IdentityService identity) {
        this.catalog = catalog;
        this.registry = registry;
        this.watcher = watcher;
        this.identity = identity;
    }

    record MintRequest(
            @Size(max = 78) @Pattern(regexp = "[0-9]{1,78}", message = "must be a numeric token id")
            String tokenId,

            @Size(max = 128) String to,
            @Size(max = 65536) String tokenUri) {}

    record TransferRequest(@NotBlank @Size(max = 128) String to) {}

    record DevTokenResponse(
            String collection, String nftTokenId, String ownerAddress, String tokenUri, long blockHeight) {
        static DevTokenResponse of(DevToken t) {
            return new DevTokenResponse(t.collection(), t.tokenId(), t.ownerAddress(), t.tokenUri(), t.block());
        }
    }

    @PostMapping("/mint")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Mint a dev-chain NFT (to the caller unless 'to' is given)")
    DevTokenResponse mint(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable String collection,
            @Valid @RequestBody MintRequest request) {
        Collection c = devCollection(collection);
        String tokenId = request.tokenId() == null ? "1" : request.tokenId();
        catalog.validateTokenId(c, tokenId);
        String to = request.to() == null ? principal.walletAddress() : canonical(request.to());
        DevToken token = registry.mint(c.id(), tokenId, to, request.tokenUri());
        watcher.watch(c);
        return DevTokenResponse.of(token);
    }

    @PostMapping("/{tokenId}/transfer")
    @Operation(summary = "Transfer a dev-chain NFT: the owner's (or an admin's) call")
    DevTokenResponse transfer(
            @AuthenticationPrincipal WalletPrincipal principal,
            @PathVariable String collection,
            @PathVariable String tokenId,
            @Valid @RequestBody TransferRequest request) {
        Collection c = devCollection(collection);
        catalog.validateTokenId(c, tokenId);
        String from = principal.walletAddress();
        if (principal.authLevel() == AuthLevel.ADMIN) {
            from = registry.find(c.id(), tokenId)
                    .orElseThrow(() -> PantheraException.notFound("Token " + tokenId + " is not minted"))
                    .ownerAddress();
        }
        DevToken token = registry.transfer(c.id(), tokenId, from, canonical(request.to()));
        watcher.watch(c);
        return DevTokenResponse.of(token);
    }

    private Collection devCollection(String id) {
        Collection c = catalog.get(id);
        if (!c.chain().equals("dev")) {
            throw PantheraException.validation("Collection " + id + " is on " + c.chain() + ", not the dev chain");
        }
        return c;
    }

    private String canonical(String address) {
        ChainFamily family = identity.familyOf(address.strip());
        return identity.canonicalAddress(family, address.strip());
    }
}
