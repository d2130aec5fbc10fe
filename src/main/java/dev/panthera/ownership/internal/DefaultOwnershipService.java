package dev.panthera.ownership.internal;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.NftOwnershipVerifier;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipRecord;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.ChainTransfer;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.PantheraProperties.Collection;
import dev.panthera.shared.ProblemCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Ownership answers: fresh cache entries as they are, otherwise the chain; a chain that cannot be
 * reached is covered by the cache only up to {@code max-stale}, then refused (fail closed). An
 * owner found changed on a read is applied as a transfer, exactly as the watcher would.
 */
@Service
class DefaultOwnershipService implements OwnershipService, NftOwnershipVerifier {

    private static final Logger log = LoggerFactory.getLogger(DefaultOwnershipService.class);

    private final CollectionCatalog catalog;
    private final Oracles oracles;
    private final OwnershipCache cache;
    private final HotOwnershipCache hot;
    private final TransferApplier transfers;
    private final NftVerifications verifications;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Duration maxStale;

    DefaultOwnershipService(
            CollectionCatalog catalog,
            Oracles oracles,
            OwnershipCache cache,
            HotOwnershipCache hot,
            TransferApplier transfers,
            NftVerifications verifications,
            Clock clock,
            PantheraProperties properties) {
        this.catalog = catalog;
        this.oracles = oracles;
        this.cache = cache;
        this.hot = hot;
        this.transfers = transfers;
        this.verifications = verifications;
        this.clock = clock;
        this.cacheTtl = properties.ownership().cacheTtl();
        this.maxStale = properties.ownership().maxStale();
    }

    @Override
    public CollectionInfo collection(String collection) {
        return CollectionCatalog.info(catalog.get(collection));
    }

    @Override
    public List<CollectionInfo> collections() {
        return catalog.all().stream().map(CollectionCatalog::info).toList();
    }

    @Override
    public NftId nft(String collection, String tokenId) {
        Collection c = catalog.get(collection);
        catalog.validateTokenId(c, tokenId);
        return new NftId(c.id(), tokenId);
    }

    @Override
    public OwnershipRecord owner(NftId nft) {
        Collection c = catalog.get(nft.collection());
        catalog.validateTokenId(c, nft.tokenId());
        Instant now = clock.instant();
        Optional<OwnershipRecord> hit = hot.get(nft);
        if (hit.isPresent() && age(hit.get(), now).compareTo(cacheTtl) < 0) {
            return hit.get();
        }
        Optional<OwnershipRecord> cached = cache.get(nft);
        if (cached.isPresent() && age(cached.get(), now).compareTo(cacheTtl) < 0) {
            hot.put(cached.get(), cacheTtl, now);
            return cached.get();
        }
        ChainOwner answer;
        try {
            answer = oracles.of(c).ownerOf(c, nft.tokenId());
        } catch (TokenNotFoundException e) {
            cached.ifPresent(gone -> transfers.apply(
                    c,
                    new ChainTransfer(
                            nft.tokenId(), gone.ownerAddress(), null, gone.blockHeight(), "burn:" + nft.key(), 0),
                    now));
            throw PantheraException.notFound("NFT " + nft + " does not exist");
        } catch (OracleUnavailableException e) {
            if (cached.isPresent() && age(cached.get(), now).compareTo(maxStale) < 0) {
                log.warn(
                        "Chain of {} unavailable ({}); serving ownership cached {} ago",
                        c.id(),
                        e.getMessage(),
                        age(cached.get(), now));
                return cached.get();
            }
            throw new PantheraException(
                    ProblemCode.UPSTREAM_UNAVAILABLE,
                    "The " + c.chain() + " chain of collection " + c.id() + " cannot be reached to verify ownership");
        }
        OwnershipRecord fresh = new OwnershipRecord(nft, answer.ownerAddress(), answer.blockHeight(), now);
        if (cached.isPresent() && !cached.get().ownerAddress().equals(answer.ownerAddress())) {
            transfers.apply(
                    c,
                    new ChainTransfer(
                            nft.tokenId(),
                            cached.get().ownerAddress(),
                            answer.ownerAddress(),
                            answer.blockHeight(),
                            "read:" + answer.blockHeight() + ":" + answer.ownerAddress(),
                            0),
                    now);
        }
        cache.put(fresh);
        hot.put(fresh, cacheTtl, now);
        return fresh;
    }

    @Override
    public OwnershipRecord requireOwner(NftId nft, String walletAddress) {
        OwnershipRecord record = owner(nft);
        if (!sameAddress(record.ownerAddress(), walletAddress)) {
            throw new PantheraException(ProblemCode.NOT_OWNER, "This wallet does not own NFT " + nft);
        }
        return record;
    }

    @Override
    public String requireOwner(String walletAddress, ChainFamily chain, String collection, String tokenId) {
        Collection c = catalog.get(collection);
        ChainFamily family = CollectionCatalog.family(c);
        if (family != null && family != chain) {
            throw PantheraException.validation(
                    "Collection " + c.id() + " lives on " + c.chain() + "; sign in with a " + family.id() + " wallet");
        }
        NftId nft = new NftId(c.id(), tokenId);
        Instant now = clock.instant();
        try {
            OwnershipRecord record = requireOwner(nft, walletAddress);
            verifications.record(
                    walletAddress, nft, c.contract(), NftVerifications.Status.VERIFIED, record.blockHeight(), now);
            return c.id();
        } catch (PantheraException e) {
            verifications.record(walletAddress, nft, c.contract(), status(e.code()), null, now);
            throw e;
        }
    }

    @Override
    public Verification verify(String collection, String tokenId, String walletAddress) {
        Collection c = catalog.get(collection);
        NftId nft = new NftId(c.id(), tokenId);
        Instant now = clock.instant();
        try {
            OwnershipRecord record = owner(nft);
            boolean verified = sameAddress(record.ownerAddress(), walletAddress);
            verifications.record(
                    walletAddress,
                    nft,
                    c.contract(),
                    verified ? NftVerifications.Status.VERIFIED : NftVerifications.Status.NOT_OWNER,
                    record.blockHeight(),
                    now);
            return new Verification(record, verified);
        } catch (PantheraException e) {
            verifications.record(walletAddress, nft, c.contract(), status(e.code()), null, now);
            throw e;
        }
    }

    @Override
    public List<OwnershipRecord> ownedBy(String walletAddress, ChainFamily chain) {
        List<OwnershipRecord> owned = new ArrayList<>();
        for (Collection c : catalog.all()) {
            ChainFamily family = CollectionCatalog.family(c);
            if (family != null && family != chain) {
                continue;
            }
            Set<String> tokens = new LinkedHashSet<>();
            try {
                oracles.of(c).tokensOf(c, walletAddress).ifPresent(tokens::addAll);
            } catch (OracleUnavailableException e) {
                log.warn("Cannot list tokens of {} on {}: {}", walletAddress, c.id(), e.getMessage());
            }
            cache.ownedBy(c.id(), walletAddress).forEach(r -> tokens.add(r.nft().tokenId()));
            for (String tokenId : tokens) {
                try {
                    OwnershipRecord record = owner(new NftId(c.id(), tokenId));
                    if (sameAddress(record.ownerAddress(), walletAddress)) {
                        owned.add(record);
                    }
                } catch (PantheraException e) {
                    log.debug("Skipping {}/{}: {}", c.id(), tokenId, e.getMessage());
                }
            }
        }
        return owned;
    }

    @Override
    public Optional<String> tokenUri(NftId nft) {
        Collection c = catalog.get(nft.collection());
        catalog.validateTokenId(c, nft.tokenId());
        try {
            return oracles.of(c).tokenUri(c, nft.tokenId());
        } catch (TokenNotFoundException e) {
            throw PantheraException.notFound("NFT " + nft + " does not exist");
        } catch (OracleUnavailableException e) {
            throw new PantheraException(
                    ProblemCode.UPSTREAM_UNAVAILABLE, "The chain of collection " + c.id() + " cannot be reached");
        }
    }

    /** Addresses are canonical on both sides; EVM hex compares without case to be safe. */
    static boolean sameAddress(String a, String b) {
        return a != null && b != null && (a.startsWith("0x") ? a.equalsIgnoreCase(b) : a.equals(b));
    }

    private static Duration age(OwnershipRecord record, Instant now) {
        return Duration.between(record.lastVerified(), now);
    }

    private static NftVerifications.Status status(ProblemCode code) {
        return switch (code) {
            case NOT_OWNER -> NftVerifications.Status.NOT_OWNER;
            case NOT_FOUND, VALIDATION_FAILED -> NftVerifications.Status.NOT_FOUND;
            default -> NftVerifications.Status.UNAVAILABLE;
        };
    }
}
