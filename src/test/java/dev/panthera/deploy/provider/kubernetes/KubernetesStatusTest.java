package dev.panthera.deploy.provider.kubernetes;

import static dev.panthera.deploy.provider.kubernetes.KubernetesFixtures.NAMESPACE;
import static dev.panthera.deploy.provider.kubernetes.KubernetesFixtures.properties;
import static dev.panthera.deploy.provider.kubernetes.KubernetesFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderStatus.Phase;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readiness mapped to status and health; the mock plays the kubelet by writing pod and Deployment status. */
@EnableKubernetesMockClient(crud = true)
class KubernetesStatusTest {

    KubernetesClient client;

    private KubernetesDeploymentProvider provider;
    private DeploymentSpec spec;
    private ProviderDeployment deployed;

    @BeforeEach
    void deploy() {
        provider = new KubernetesDeploymentProvider(client, properties());
        spec = spec();
        deployed = provider.deploy(spec);
    }

    @Test
    void startingWhileThePodNeverGetsReady() {
        pod(false, "ContainerCreating", 0);

        var status = provider.status(deployed);
        var health = provider.health(deployed);

        assertThat(status.phase()).isEqualTo(Phase.STARTING);
        assertThat(status.endpointUrl()).isEqualTo(deployed.endpointUrl());
        assertThat(health.healthy()).isFalse();
        assertThat(health.error()).contains("no ready pod");
        assertThat(health.memoryBytes()).isNull();
    }

    @Test
    void imagePullBackOffFailsWithTheReason() {
        pod(false, "ImagePullBackOff", 0);

        var status = provider.status(deployed);

        assertThat(status.phase()).isEqualTo(Phase.FAILED);
        assertThat(status.message()).contains("ImagePullBackOff").contains("pull access denied");
    }

    @Test
    void crashLoopShowsInHealthWithTheRestartCount() {
        pod(false, "CrashLoopBackOff", 4);

        var health = provider.health(deployed);

        assertThat(provider.status(deployed).phase()).isEqualTo(Phase.FAILED);
        assertThat(health.healthy()).isFalse();
        assertThat(health.error()).contains("CrashLoopBackOff").contains("4 container restarts");
    }

    @Test
    void progressDeadlineExceededFails() {
        client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName(spec.slug())
                .editStatus(d -> new DeploymentBuilder(d)
                        .editOrNewStatus()
                        .withReadyReplicas(0)
                        .withConditions(new DeploymentConditionBuilder()
                                .withType("Progressing")
                                .withStatus("False")
                                .withReason("ProgressDeadlineExceeded")
                                .withMessage("ReplicaSet has timed out progressing.")
                                .build())
                        .endStatus()
                        .build());

        var status = provider.status(deployed);

        assertThat(status.phase()).isEqualTo(Phase.FAILED);
        assertThat(status.message()).contains("ProgressDeadlineExceeded");
    }

    @Test
    void readyReplicaMakesItReadyAndHealthy() {
        pod(false, "ContainerCreating", 0);
        assertThat(provider.status(deployed).phase()).isEqualTo(Phase.STARTING);

        client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName(spec.slug())
                .editStatus(d -> new DeploymentBuilder(d)
                        .editOrNewStatus()
                        .withReplicas(1)
                        .withReadyReplicas(1)
                        .endStatus()
                        .build());
        client.pods().inNamespace(NAMESPACE).delete();
        pod(true, null, 1);

        var status = provider.status(deployed);
        var health = provider.health(deployed);

        assertThat(status.phase()).isEqualTo(Phase.READY);
        assertThat(status.endpointUrl()).isEqualTo(deployed.endpointUrl());
        assertThat(health.healthy()).isTrue();
        assertThat(health.error()).isNull();
        assertThat(health.cpuPercent()).isNull();
    }

    /** A pod of the agent as the kubelet would report it: ready, or waiting with {@code reason}. */
    private Pod pod(boolean ready, String waitingReason, int restarts) {
        var container = new ContainerStatusBuilder()
                .withName("agent")
                .withReady(ready)
                .withRestartCount(restarts)
                .withNewState();
        if (ready) {
            container.withNewRunning().endRunning();
        } else {
            container
                    .withNewWaiting()
                    .withReason(waitingReason)
                    .withMessage(
                            "ImagePullBackOff".equals(waitingReason) ? "pull access denied for ghcr.io/acme/leo" : null)
                    .endWaiting();
        }
        var pod = new PodBuilder()
                .withNewMetadata()
                .withName(spec.slug() + "-7d9f-" + (ready ? "ready" : "wait"))
                .withNamespace(NAMESPACE)
                .addToLabels(AgentManifests.INSTANCE_LABEL, spec.slug())
                .addToLabels(AgentManifests.NAME_LABEL, "panthera-agent")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("agent")
                .withImage(spec.image())
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(ready ? "Running" : "Pending")
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .withContainerStatuses(container.endState().build())
                .endStatus()
                .build();
        var created = client.pods().inNamespace(NAMESPACE).resource(pod).create();
        // The mock may drop status on create, as a real API server does: write it like the kubelet.
        return client.pods()
                .inNamespace(NAMESPACE)
                .resource(new PodBuilder(created).withStatus(pod.getStatus()).build())
                .updateStatus();
    }
}
