package dev.panthera.agent;

import java.util.Locale;

/**
 * Seed 001 agent status. The owner moves an agent between active and paused; only an admin
 * retires one, and retirement is final.
 */
public enum AgentStatus {
    ACTIVE,
    PAUSED,
    RETIRED;

    /** The lowercase name used in the API and the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an API/database name; null when unknown. */
    public static AgentStatus fromId(String id) {
        if (id == null) {
            return null;
        }
        for (AgentStatus status : values()) {
            if (status.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
                return status;
            }
        }
        return null;
    }
}
