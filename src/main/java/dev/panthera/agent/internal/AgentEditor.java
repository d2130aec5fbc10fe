package dev.panthera.agent.internal;

import dev.panthera.agent.AgentConfigChanged;
import dev.panthera.agent.AgentConfigVersion;
import dev.panthera.agent.AgentStatus;
import dev.panthera.agent.AgentView;
import dev.panthera.agent.internal.ConfigHistory.Source;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.shared.PantheraException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Changes to an agent: owner overrides, metadata refresh, status, and reading its history. Callers
 * check who may make them (the owner; an admin to retire). Metadata is fetched before the row is
 * locked, so a slow token URI never holds a transaction open.
 */
@Service
public class AgentEditor {

    /** The result of a refresh: whether the metadata loaded, and whether the settings changed. */
    public record Refresh(boolean loaded, boolean changed, AgentView agent) {}

    private final OwnershipService ownership;
    private final AgentProvisioner provisioner;
    private final AgentRepository agents;
    private final ConfigHistory history;
    private final MetadataSource metadata;
    private final SettingsWriter writer;
    private final AgentRegistry registry;
    private final TransactionOperations tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AgentEditor(
            OwnershipService ownership,
            AgentProvisioner provisioner,
            AgentRepository agents,
            ConfigHistory history,
            MetadataSource metadata,
            SettingsWriter writer,
            AgentRegistry registry,
            TransactionOperations tx,
            ApplicationEventPublisher events,
            Clock clock) {
        this.ownership = ownership;
        this.provisioner = provisioner;
        this.agents = agents;
        this.history = history;
        this.metadata = metadata;
        this.writer = writer;
        this.registry = registry;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /** Applies an owner's overrides; capabilities may only narrow what the metadata grants. */
    public AgentView updateConfig(NftId nft, ConfigPatch patch, String wallet) {
        provisioner.require(nft);
        int[] versions = tx.execute(status -> {
            AgentRecord locked = agents.lock(nft).orElseThrow();
            StatusPolicy.requireChangeable(locked.status());
            Overrides next = patch.applyTo(locked.overrides());
            List<String> granted = locked.base().config().capabilities();
            if (next.capabilities() != null && !granted.containsAll(next.capabilities())) {
                throw PantheraException.validation(
                        "capabilities may only narrow the metadata's " + granted + "; not granted: "
                                + next.capabilities().stream()
                                        .filter(c -> !granted.contains(c))
                                        .toList());
            }
            int version = writer.save(locked, locked.metadataSettings(), next, Source.OWNER, wallet, clock.instant());
            return new int[] {locked.version(), version};
        });
        announce(nft, versions, Source.OWNER);
        return registry.get(nft);
    }

    /**
     * Reads the token's metadata again. On success the new settings apply under the owner's
     * overrides; on any failure the last good settings stay and the error is recorded.
     */
    public Refresh refreshMetadata(NftId nft, String wallet) {
        StatusPolicy.requireChangeable(provisioner.require(nft).status());
        String uri = ownership.tokenUri(nft).orElse(null);
        MetadataSource.Outcome outcome =
                uri == null ? new MetadataSource.Outcome(null, "the token has no tokenURI") : metadata.load(nft, uri);
        Instant now = clock.instant();
        int[] versions = tx.execute(status -> {
            AgentRecord locked = agents.lock(nft).orElseThrow();
            if (outcome.error() != null) {
                agents.metadataFailed(locked.id(), MetadataSource.stored(uri), outcome.error(), now);
                return new int[] {locked.version(), locked.version()};
            }
            int version = writer.save(locked, outcome.settings(), locked.overrides(), Source.METADATA, wallet, now);
            agents.metadataLoaded(locked.id(), MetadataSource.stored(uri), now);
            return new int[] {locked.version(), version};
        });
        announce(nft, versions, Source.METADATA);
        return new Refresh(outcome.error() == null, versions[1] != versions[0], registry.get(nft));
    }

    /** Moves the agent to a status (see {@link StatusPolicy}); {@code admin} may retire it. */
    public AgentView setStatus(NftId nft, AgentStatus target, boolean admin) {
        provisioner.require(nft);
        tx.executeWithoutResult(status -> {
            AgentRecord locked = agents.lock(nft).orElseThrow();
            if (StatusPolicy.check(locked.status(), target, admin)) {
                agents.saveStatus(locked.id(), target, clock.instant());
            }
        });
        return registry.get(nft);
    }

    /** The agent, if its settings and persona may still change (not retired). */
    public AgentView changeable(NftId nft) {
        AgentView agent = registry.get(nft);
        StatusPolicy.requireChangeable(agent.status());
        return agent;
    }

    /** Config versions, newest first. */
    public List<AgentConfigVersion> history(NftId nft, int limit, int offset) {
        return history.list(provisioner.require(nft).id(), limit, offset);
    }

    private void announce(NftId nft, int[] versions, Source source) {
        if (versions[1] != versions[0]) {
            events.publishEvent(new AgentConfigChanged(nft, versions[1], source.id(), clock.instant()));
        }
    }
}
