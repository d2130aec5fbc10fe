package dev.panthera.agent.internal;

import dev.panthera.agent.AgentConfigChanged;
import dev.panthera.agent.AgentStatus;
import dev.panthera.agent.internal.ConfigHistory.Source;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Finds an NFT's agent, creating it on first access (owner from the chain, settings from the
 * token's metadata or the defaults), and keeps its owner equal to the chain's: every access
 * compares with {@link OwnershipService#owner}, so a transfer the event missed is caught here.
 */
@Component
class AgentProvisioner {

    private final OwnershipService ownership;
    private final AgentRepository agents;
    private final ConfigHistory history;
    private final MetadataSource metadata;
    private final SettingsWriter writer;
    private final TransactionOperations tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AgentProvisioner(
            OwnershipService ownership,
            AgentRepository agents,
            ConfigHistory history,
            MetadataSource metadata,
            SettingsWriter writer,
            TransactionOperations tx,
            ApplicationEventPublisher events,
            Clock clock) {
        this.ownership = ownership;
        this.agents = agents;
        this.history = history;
        this.metadata = metadata;
        this.writer = writer;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /** The agent with its current owner; {@code NOT_FOUND} when the token does not exist. */
    AgentRecord require(NftId nft) {
        return require(nft, ownership.owner(nft).ownerAddress());
    }

    /** As {@link #require(NftId)}, with the owner the caller has just asked ownership for. */
    AgentRecord require(NftId nft, String owner) {
        AgentRecord agent = agents.find(nft).orElseGet(() -> create(nft, owner));
        return followOwner(agent, owner, null);
    }

    /** Records a new owner as a new version (config kept); nothing when it already is the owner. */
    AgentRecord followOwner(AgentRecord agent, String owner, String changedBy) {
        if (sameAddress(agent.ownerAddress(), owner)) {
            return agent;
        }
        Integer version = tx.execute(status -> {
            AgentRecord locked = agents.lock(agent.nft()).orElseThrow();
            return sameAddress(locked.ownerAddress(), owner)
                    ? null
                    : writer.saveOwner(locked, owner, changedBy, clock.instant());
        });
        if (version != null) {
            events.publishEvent(new AgentConfigChanged(agent.nft(), version, Source.TRANSFER.id(), clock.instant()));
        }
        return agents.find(agent.nft()).orElseThrow();
    }

    private AgentRecord create(NftId nft, String owner) {
        String uri = ownership.tokenUri(nft).orElse(null);
        MetadataSource.Outcome loaded = uri == null ? new MetadataSource.Outcome(null, null) : metadata.load(nft, uri);
        AgentSettings settings = loaded.settings() != null ? loaded.settings() : AgentSettings.defaults(nft);
        Instant now = clock.instant();
        AgentRecord agent = new AgentRecord(
                UUID.randomUUID(),
                nft,
                owner,
                settings,
                loaded.settings(),
                Overrides.NONE,
                0,
                BigDecimal.ZERO,
                0,
                null,
                AgentStatus.ACTIVE,
                1,
                MetadataSource.stored(uri),
                loaded.settings() != null ? now : null,
                loaded.error(),
                loaded.error() != null ? now : null,
                null,
                null,
                now,
                now);
        tx.executeWithoutResult(status -> {
            // of two first accesses at once, one inserts and writes version 1; the other reads it
            if (agents.insert(agent)) {
                Source source = loaded.settings() != null ? Source.METADATA : Source.DEFAULT;
                history.record(agent.id(), 1, settings, owner, source, null, now);
            }
        });
        return agents.find(nft).orElseThrow();
    }

    /** EVM addresses compare without case (EIP-55 is only a checksum); bech32 and base58 as they are. */
    static boolean sameAddress(String a, String b) {
        return a != null && b != null && (a.equals(b) || (a.startsWith("0x") && a.equalsIgnoreCase(b)));
    }
}
