package dev.panthera.agent.internal;

import dev.panthera.agent.AgentStatus;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;

/**
 * Seed 001 status transitions: active and paused switch freely (the owner's call, checked by the
 * caller), retired is reached only by an admin and never left.
 */
final class StatusPolicy {

    private StatusPolicy() {}

    /** True when the status changes; throws when the transition is not allowed. */
    static boolean check(AgentStatus from, AgentStatus to, boolean admin) {
        if (from == AgentStatus.RETIRED && to != AgentStatus.RETIRED) {
            throw new PantheraException(ProblemCode.CONFLICT, "The agent is retired; retirement is final");
        }
        if (to == AgentStatus.RETIRED && !admin) {
            throw new PantheraException(ProblemCode.FORBIDDEN, "Only an admin can retire an agent");
        }
        return from != to;
    }

    /** Settings, metadata and persona of a retired agent are frozen. */
    static void requireChangeable(AgentStatus status) {
        if (status == AgentStatus.RETIRED) {
            throw new PantheraException(
                    ProblemCode.CONFLICT, "The agent is retired; its settings can no longer change");
        }
    }
}
