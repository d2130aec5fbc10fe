package dev.panthera.deploy.provider.kubernetes;

import static dev.panthera.deploy.provider.kubernetes.KubernetesErrors.call;

import dev.panthera.deploy.spi.HealthReport;
import dev.panthera.deploy.spi.ProviderStatus;
import dev.panthera.deploy.spi.ProviderStatus.Phase;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an agent's Deployment and pods: a ready replica is READY; a pod stuck pulling its image or
 * crash-looping, or a Deployment past its progress deadline, is FAILED with the reason (waiting
 * longer would not help); anything else is still STARTING.
 */
final class WorkloadInspector {

    static final Set<String> FATAL_WAITING_REASONS = Set.of(
            "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CreateContainerConfigError");

    private final KubernetesClient client;

    WorkloadInspector(KubernetesClient client) {
        this.client = client;
    }

    ProviderStatus status(Target target, String endpoint) {
        Deployment deployment = deployment(target);
        if (deployment == null) {
            return new ProviderStatus(Phase.GONE, null, "Deployment " + target + " does not exist");
        }
        var status = deployment.getStatus();
        if (status != null && status.getReadyReplicas() != null && status.getReadyReplicas() >= 1) {
            return new ProviderStatus(Phase.READY, endpoint, null);
        }
        Optional<String> failure = stalled(deployment).or(() -> fatalPodState(pods(target)));
        return failure.map(reason -> new ProviderStatus(Phase.FAILED, endpoint, reason))
                .orElseGet(() -> new ProviderStatus(Phase.STARTING, endpoint, null));
    }

    HealthReport health(Target target) {
        long started = System.nanoTime();
        List<Pod> pods = pods(target);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (pods.isEmpty()) {
            return new HealthReport(false, took, null, null, "no pod of " + target + " is running");
        }
        boolean ready = pods.stream().anyMatch(WorkloadInspector::isReady);
        int restarts = pods.stream()
                .flatMap(pod -> containerStatuses(pod).stream())
                .mapToInt(cs -> cs.getRestartCount() == null ? 0 : cs.getRestartCount())
                .sum();
        if (ready) {
            // Memory and CPU need metrics-server, which Panthera does not assume.
            return new HealthReport(true, took, null, null, null);
        }
        String error = "no ready pod of " + target
                + fatalPodState(pods).map(reason -> " (" + reason + ")").orElse("")
                + (restarts > 0 ? "; " + restarts + " container restarts" : "");
        return new HealthReport(false, took, null, null, error);
    }

    private Deployment deployment(Target target) {
        return call(
                "read",
                "Deployment " + target,
                () -> client.apps()
                        .deployments()
                        .inNamespace(target.namespace())
                        .withName(target.name())
                        .get());
    }

    private List<Pod> pods(Target target) {
        return call(
                "list",
                "pods of " + target,
                () -> client.pods()
                        .inNamespace(target.namespace())
                        .withLabel(AgentManifests.INSTANCE_LABEL, target.name())
                        .list()
                        .getItems());
    }

    private static Optional<String> stalled(Deployment deployment) {
        if (deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return deployment.getStatus().getConditions().stream()
                .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus()))
                .findFirst()
                .map(c -> "Deployment not progressing: " + c.getReason()
                        + (c.getMessage() == null ? "" : ": " + c.getMessage()));
    }

    private static Optional<String> fatalPodState(List<Pod> pods) {
        return pods.stream()
                .flatMap(pod -> containerStatuses(pod).stream())
                .filter(cs -> cs.getState() != null && cs.getState().getWaiting() != null)
                .filter(cs -> FATAL_WAITING_REASONS.contains(
                        cs.getState().getWaiting().getReason()))
                .findFirst()
                .map(cs -> {
                    var waiting = cs.getState().getWaiting();
                    return "container " + cs.getName() + ": " + waiting.getReason()
                            + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage());
                });
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return List.of();
        }
        return pod.getStatus().getContainerStatuses();
    }
}
