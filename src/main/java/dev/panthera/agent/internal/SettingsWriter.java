package dev.panthera.agent.internal;

import dev.panthera.agent.internal.ConfigHistory.Source;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Stores a change of an agent's settings on a row locked by the caller's transaction. A new
 * version, and its history row, exist only when the effective settings (or the owner) changed:
 * re-reading identical metadata is not a version.
 */
@Component
class SettingsWriter {

    private final AgentRepository agents;
    private final ConfigHistory history;

    SettingsWriter(AgentRepository agents, ConfigHistory history) {
        this.agents = agents;
        this.history = history;
    }

    /** Saves new metadata settings and/or overrides; returns the version now current. */
    int save(
            AgentRecord locked,
            AgentSettings metadata,
            Overrides overrides,
            Source source,
            String changedBy,
            Instant now) {
        AgentSettings base = metadata != null ? metadata : AgentSettings.defaults(locked.nft());
        Overrides kept = overrides.narrowedTo(base.config().capabilities());
        AgentSettings effective = kept.applyTo(base);
        boolean changed = !effective.sameAs(locked.settings());
        int version = changed ? locked.version() + 1 : locked.version();
        agents.saveSettings(locked.id(), effective, metadata, kept, version, now);
        if (changed) {
            history.record(locked.id(), version, effective, locked.ownerAddress(), source, changedBy, now);
        }
        return version;
    }

    /** A new owner is always a new version: the history shows who held the agent with which settings. */
    int saveOwner(AgentRecord locked, String owner, String changedBy, Instant now) {
        int version = locked.version() + 1;
        agents.saveOwner(locked.id(), owner, version, now);
        history.record(locked.id(), version, locked.settings(), owner, Source.TRANSFER, changedBy, now);
        return version;
    }
}
