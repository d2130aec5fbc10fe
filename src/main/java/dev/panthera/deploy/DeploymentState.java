package dev.panthera.deploy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The life of a deployment: seed 000's pending | deploying | running | stopped | failed plus the
 * steps between them. Every move goes through {@link #canMoveTo}; an illegal move is refused.
 *
 * <pre>
 * pending   -> deploying | stopped | failed
 * deploying -> starting | stopping | failed
 * starting  -> running | unhealthy | stopping | failed
 * running   -> unhealthy | stopping | failed
 * unhealthy -> running | deploying (restart) | stopping | failed
 * stopping  -> stopped | failed
 * stopped, failed: final
 * </pre>
 */
public enum DeploymentState {
    PENDING,
    DEPLOYING,
    STARTING,
    RUNNING,
    UNHEALTHY,
    STOPPING,
    STOPPED,
    FAILED;

    private static final Map<DeploymentState, Set<DeploymentState>> NEXT = Map.of(
            PENDING, EnumSet.of(DEPLOYING, STOPPED, FAILED),
            DEPLOYING, EnumSet.of(STARTING, STOPPING, FAILED),
            STARTING, EnumSet.of(RUNNING, UNHEALTHY, STOPPING, FAILED),
            RUNNING, EnumSet.of(UNHEALTHY, STOPPING, FAILED),
            UNHEALTHY, EnumSet.of(RUNNING, DEPLOYING, STOPPING, FAILED),
            STOPPING, EnumSet.of(STOPPED, FAILED),
            STOPPED, EnumSet.noneOf(DeploymentState.class),
            FAILED, EnumSet.noneOf(DeploymentState.class));

    public boolean canMoveTo(DeploymentState next) {
        return NEXT.get(this).contains(next);
    }

    /** The states this one may move to. */
    public Set<DeploymentState> next() {
        return Set.copyOf(NEXT.get(this));
    }

    /** Stopped and failed deployments are over; any other holds the NFT's one active slot. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    /** Work is under way: a node that died may have left the deployment here. */
    public boolean isTransient() {
        return this == DEPLOYING || this == STARTING || this == STOPPING;
    }

    /** The lowercase name used in the API and the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an API/database name; null when unknown. */
    public static DeploymentState fromId(String id) {
        if (id == null) {
            return null;
        }
        for (DeploymentState s : values()) {
            if (s.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }
}
