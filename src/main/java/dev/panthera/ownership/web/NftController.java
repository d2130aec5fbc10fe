package dev.panthera.ownership.web;

import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.OwnershipRecord;
import dev.panthera.ownership.OwnershipService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's NFTs and ownership checks (DESIGN.md §3). */
@RestController
@RequestMapping("/v1/nfts")
@Tag(name = "nfts", description = "NFT ownership in the configured collections")
class NftController {

    static final String TOKEN_ID = "[0-9]{1,78}|[1-9A-HJ-NP-Za-km-z]{32,44}";
    static final String COLLECTION = "[A-Za-z0-9_-]{1,64}";

    private final OwnershipService ownership;

    NftController(OwnershipService ownership) {
        this.ownership = ownership;
    }

    record NftResponse(
            String collection, String nftTokenId, String ownerAddress, long blockHeight, Instant lastVerified) {
        static NftResponse of(OwnershipRecord r) {
            return new NftResponse(
                    r.nft().collection(), r.nft().tokenId(), r.ownerAddress(), r.blockHeight(), r.lastVerified());
        }
    }

    record OwnedResponse(String walletAddress, List<NftResponse> nfts) {}

    record VerifyOwnershipRequest(
            @Pattern(regexp = COLLECTION, message = "must be a collection id")
            String collection,

            @NotBlank @Size(max = 78) @Pattern(regexp = TOKEN_ID, message = "must be a token id")
            String nftTokenId) {}

    record VerifyOwnershipResponse(
            String collection,
            String nftTokenId,
            String owner,
            boolean verified,
            long blockHeight,
            Instant lastVerified) {}

    @GetMapping("/owned")
    @Operation(summary = "NFTs the signed-in wallet holds in the configured collections")
    OwnedResponse owned(@AuthenticationPrincipal WalletPrincipal principal) {
        List<NftResponse> nfts = ownership.ownedBy(principal.walletAddress(), principal.chain()).stream()
                .map(NftResponse::of)
                .toList();
        return new OwnedResponse(principal.walletAddress(), nfts);
    }

    @PostMapping("/verify-ownership")
    @Operation(summary = "Whether the signed-in wallet owns an NFT now; the check is recorded")
    VerifyOwnershipResponse verify(
            @AuthenticationPrincipal WalletPrincipal principal, @Valid @RequestBody VerifyOwnershipRequest request) {
        var result = ownership.verify(request.collection(), request.nftTokenId(), principal.walletAddress());
        OwnershipRecord r = result.record();
        return new VerifyOwnershipResponse(
                r.nft().collection(),
                r.nft().tokenId(),
                r.ownerAddress(),
                result.verified(),
                r.blockHeight(),
                r.lastVerified());
    }
}
