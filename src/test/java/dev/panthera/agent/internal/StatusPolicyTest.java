package dev.panthera.agent.internal;

import static dev.panthera.agent.AgentStatus.ACTIVE;
import static dev.panthera.agent.AgentStatus.PAUSED;
import static dev.panthera.agent.AgentStatus.RETIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.agent.AgentStatus;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import org.junit.jupiter.api.Test;

/** Seed 001 status: active ↔ paused by the owner, retired only by an admin, and final. */
class StatusPolicyTest {

    @Test
    void ownersPauseAndResume() {
        assertThat(StatusPolicy.check(ACTIVE, PAUSED, false)).isTrue();
        assertThat(StatusPolicy.check(PAUSED, ACTIVE, false)).isTrue();
        assertThat(StatusPolicy.check(ACTIVE, ACTIVE, false)).as("no change").isFalse();
    }

    @Test
    void onlyAnAdminRetires() {
        assertThatThrownBy(() -> StatusPolicy.check(ACTIVE, RETIRED, false))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.FORBIDDEN));
        assertThat(StatusPolicy.check(ACTIVE, RETIRED, true)).isTrue();
        assertThat(StatusPolicy.check(PAUSED, RETIRED, true)).isTrue();
    }

    @Test
    void retirementIsFinal() {
        for (AgentStatus to : new AgentStatus[] {ACTIVE, PAUSED}) {
            for (boolean admin : new boolean[] {false, true}) {
                assertThatThrownBy(() -> StatusPolicy.check(RETIRED, to, admin))
                        .isInstanceOfSatisfying(
                                PantheraException.class,
                                e -> assertThat(e.code()).isEqualTo(ProblemCode.CONFLICT))
                        .hasMessage("The agent is retired; retirement is final");
            }
        }
        assertThat(StatusPolicy.check(RETIRED, RETIRED, true)).isFalse();
        assertThatThrownBy(() -> StatusPolicy.requireChangeable(RETIRED)).hasMessageContaining("can no longer change");
        StatusPolicy.requireChangeable(PAUSED);
    }

    @Test
    void statusNamesParse() {
        assertThat(AgentStatus.fromId(" Paused ")).isEqualTo(PAUSED);
        assertThat(AgentStatus.fromId("deleted")).isNull();
        assertThat(AgentStatus.fromId(null)).isNull();
        assertThat(RETIRED.id()).isEqualTo("retired");
    }
}
