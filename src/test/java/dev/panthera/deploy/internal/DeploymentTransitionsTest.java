package dev.panthera.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.DeploymentStateChanged;
import dev.panthera.deploy.spi.Resources;
import dev.panthera.ownership.NftId;
import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;

/** The one transition path: refuses what the machine forbids, applies by compare-and-set, reports a lost race. */
class DeploymentTransitionsTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final UUID ID = UUID.randomUUID();

    final DeploymentRepository repository = mock(DeploymentRepository.class);
    final EphemeralStore cache = mock(EphemeralStore.class);
    final ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    final DeploymentTransitions transitions = new DeploymentTransitions(
            repository, cache, events, mock(PlatformTransactionManager.class), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyForbiddenMoveIsRefusedWithoutTouchingAnything() {
        int refused = 0;
        for (DeploymentState from : DeploymentState.values()) {
            for (DeploymentState to : DeploymentState.values()) {
                if (from.canMoveTo(to)) {
                    continue;
                }
                assertThatThrownBy(() -> transitions.transition(ID, from, to, "status_changed", null))
                        .isInstanceOfSatisfying(
                                PantheraException.class,
                                e -> assertThat(e.code()).isEqualTo(ProblemCode.CONFLICT))
                        .hasMessageContaining(from.id() + " to " + to.id());
                refused++;
            }
        }
        assertThat(refused).isEqualTo(45);
        verifyNoInteractions(repository, cache, events);
    }

    @Test
    void anAllowedMoveIsAppliedWithItsEventPublishedAndCached() {
        when(repository.moveStatus(ID, DeploymentState.STARTING, DeploymentState.FAILED, "not ready", NOW))
                .thenReturn(true);
        when(repository.find(ID)).thenReturn(Optional.of(record(DeploymentState.FAILED, "not ready")));

        boolean applied = transitions.transition(
                ID, DeploymentState.STARTING, DeploymentState.FAILED, "failed", Map.of("error", "not ready"));

        assertThat(applied).isTrue();
        verify(repository)
                .insertEvent(
                        eq(ID),
                        eq("failed"),
                        eq(DeploymentState.STARTING),
                        eq(DeploymentState.FAILED),
                        eq(Map.of("error", "not ready")),
                        eq(NOW));
        ArgumentCaptor<Object> published = ArgumentCaptor.forClass(Object.class);
        verify(events).publishEvent(published.capture());
        assertThat(published.getValue())
                .isEqualTo(new DeploymentStateChanged(
                        ID,
                        new NftId("c", "7"),
                        "0xowner",
                        DeploymentState.STARTING,
                        DeploymentState.FAILED,
                        "http://x/v1/runtime/a",
                        "not ready",
                        NOW));
        ArgumentCaptor<String> json = ArgumentCaptor.forClass(String.class);
        verify(cache).put(eq("deployment:" + ID), json.capture(), eq(Duration.ofSeconds(300)));
        assertThat(json.getValue()).contains("\"status\":\"failed\"").contains("\"error\":\"not ready\"");
    }

    @Test
    void aLostRaceChangesNothingAndSaysSo() {
        when(repository.moveStatus(any(), any(), any(), any(), any())).thenReturn(false);

        boolean applied =
                transitions.transition(ID, DeploymentState.RUNNING, DeploymentState.STOPPING, "status_changed", null);

        assertThat(applied).isFalse();
        verify(repository, never()).insertEvent(any(), any(), any(), any(), any(), any());
        verifyNoInteractions(cache, events);
    }

    static DeploymentRecord record(DeploymentState state, String error) {
        return new DeploymentRecord(
                ID,
                new NftId("c", "7"),
                "0xowner",
                "panthera-agent-abc",
                state,
                "local",
                "http://x/v1/runtime/a",
                Resources.DEFAULT,
                NOW,
                NOW,
                null,
                error,
                Map.of(),
                null,
                null,
                0,
                "0xowner");
    }
}
