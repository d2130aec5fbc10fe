package dev.panthera.deploy;

import static dev.panthera.deploy.DeploymentState.DEPLOYING;
import static dev.panthera.deploy.DeploymentState.FAILED;
import static dev.panthera.deploy.DeploymentState.PENDING;
import static dev.panthera.deploy.DeploymentState.RUNNING;
import static dev.panthera.deploy.DeploymentState.STARTING;
import static dev.panthera.deploy.DeploymentState.STOPPED;
import static dev.panthera.deploy.DeploymentState.STOPPING;
import static dev.panthera.deploy.DeploymentState.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole transition table: every one of the 64 pairs is asserted allowed or refused. */
class DeploymentStateTest {

    /** The documented machine, written out again independently of the enum's own table. */
    static final Map<DeploymentState, Set<DeploymentState>> EXPECTED = Map.of(
            PENDING, EnumSet.of(DEPLOYING, STOPPED, FAILED),
            DEPLOYING, EnumSet.of(STARTING, STOPPING, FAILED),
            STARTING, EnumSet.of(RUNNING, UNHEALTHY, STOPPING, FAILED),
            RUNNING, EnumSet.of(UNHEALTHY, STOPPING, FAILED),
            UNHEALTHY, EnumSet.of(RUNNING, DEPLOYING, STOPPING, FAILED),
            STOPPING, EnumSet.of(STOPPED, FAILED),
            STOPPED, EnumSet.noneOf(DeploymentState.class),
            FAILED, EnumSet.noneOf(DeploymentState.class));

    @Test
    void everyPairIsAllowedExactlyWhenTheTableSaysSo() {
        int allowed = 0;
        for (DeploymentState from : DeploymentState.values()) {
            for (DeploymentState to : DeploymentState.values()) {
                boolean expected = EXPECTED.get(from).contains(to);
                assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(expected);
                allowed += expected ? 1 : 0;
            }
            assertThat(from.next()).as("next of %s", from).isEqualTo(EXPECTED.get(from));
        }
        assertThat(allowed).isEqualTo(19);
    }

    @Test
    void noStateMovesToItself() {
        for (DeploymentState s : DeploymentState.values()) {
            assertThat(s.canMoveTo(s)).as(s.id()).isFalse();
        }
    }

    @Test
    void finalStatesAreStoppedAndFailedOnly() {
        for (DeploymentState s : DeploymentState.values()) {
            assertThat(s.isFinal()).as(s.id()).isEqualTo(s == STOPPED || s == FAILED);
        }
    }

    @Test
    void transientStatesAreThoseAJobIsWorkingIn() {
        for (DeploymentState s : DeploymentState.values()) {
            assertThat(s.isTransient()).as(s.id()).isEqualTo(s == DEPLOYING || s == STARTING || s == STOPPING);
        }
    }

    @Test
    void everyStateCanFailOrIsFinal() {
        for (DeploymentState s : DeploymentState.values()) {
            assertThat(s.isFinal() || s.canMoveTo(FAILED)).as(s.id()).isTrue();
        }
    }

    @Test
    void idsRoundTripAndUnknownIsNull() {
        for (DeploymentState s : DeploymentState.values()) {
            assertThat(DeploymentState.fromId(s.id())).isEqualTo(s);
            assertThat(DeploymentState.fromId(" " + s.id().toUpperCase() + " ")).isEqualTo(s);
        }
        assertThat(DeploymentState.fromId("exploded")).isNull();
        assertThat(DeploymentState.fromId(null)).isNull();
        assertThat(RUNNING.id()).isEqualTo("running");
    }
}
