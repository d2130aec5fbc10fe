package dev.panthera.deploy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.panthera.chat.RealtimeChannels;
import dev.panthera.deploy.DeploymentService;
import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.DeploymentStateChanged;
import dev.panthera.identity.ApiKeyGrant;
import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.NftId;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Who may watch a deployment's channel, and how its changes reach the channel. */
class DeploymentChannelTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final WalletPrincipal ALICE =
            new WalletPrincipal("0xA11ce", ChainFamily.EVM, UUID.randomUUID(), null, null, AuthLevel.USER, Instant.MAX);

    final DeploymentService deployments = mock(DeploymentService.class);
    final DeploymentChannel channel = new DeploymentChannel(deployments, JSON);

    static PantheraException code(ProblemCode code, Runnable call) {
        try {
            call.run();
        } catch (PantheraException e) {
            assertThat(e.code()).isEqualTo(code);
            return e;
        }
        throw new AssertionError("expected " + code);
    }

    @Test
    void theOwnerMayWatchWithTheIdCanonical() {
        UUID id = UUID.randomUUID();
        assertThat(channel.name()).isEqualTo("deployment");
        assertThat(channel.authorize(ALICE, id.toString().toUpperCase())).isEqualTo(id.toString());
        verify(deployments).get(ALICE, id);
        assertThat(channel.canonical(id.toString().toUpperCase())).isEqualTo(id.toString());
    }

    @Test
    void whatTheDeploymentServiceRefusesTheChannelRefuses() {
        UUID id = UUID.randomUUID();
        when(deployments.get(ALICE, id)).thenThrow(PantheraException.notFound("No deployment " + id));
        code(ProblemCode.NOT_FOUND, () -> channel.authorize(ALICE, id.toString()));
        code(ProblemCode.VALIDATION_FAILED, () -> channel.authorize(ALICE, "42"));
        code(ProblemCode.VALIDATION_FAILED, () -> channel.canonical("1-1-1-1-1"));
    }

    @Test
    void anApiKeyIsForbiddenLikeOnTheDeploymentRoutes() {
        WalletPrincipal key = new WalletPrincipal(
                "0xA11ce",
                ChainFamily.EVM,
                null,
                null,
                null,
                AuthLevel.USER,
                null,
                new ApiKeyGrant(UUID.randomUUID(), "ci", Set.of(), null, null, null, null, null));
        assertThatThrownBy(() -> channel.authorize(key, UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.FORBIDDEN));
        verify(deployments, never()).get(any(), any());
    }

    @Test
    void eachChangeGoesToItsDeploymentsChannelInOrder() {
        List<String> published = new ArrayList<>();
        RealtimeChannels channels = (name, frame) ->
                published.add(name + " " + JSON.readTree(frame).get("type").asString());
        UUID id = UUID.randomUUID();
        new DeploymentUpdates(channels, JSON)
                .on(new DeploymentStateChanged(
                        id,
                        new NftId("panthers", "7"),
                        "0xA11ce",
                        DeploymentState.STARTING,
                        DeploymentState.RUNNING,
                        "http://agent",
                        null,
                        Instant.now()));
        assertThat(published).containsExactly("deployment:" + id + " status", "deployment:" + id + " ready");
    }

    @Test
    void aFailureToPublishNeverReachesTheTransition() {
        RealtimeChannels broken = mock(RealtimeChannels.class);
        doThrow(new IllegalStateException("socket broke")).when(broken).publish(any(), any());
        new DeploymentUpdates(broken, JSON)
                .on(new DeploymentStateChanged(
                        UUID.randomUUID(),
                        new NftId("panthers", "7"),
                        "0xA11ce",
                        DeploymentState.STARTING,
                        DeploymentState.FAILED,
                        null,
                        "never ready",
                        Instant.now()));
        verify(broken).publish(any(), any());
    }
}
