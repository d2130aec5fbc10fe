package dev.panthera.deploy.web;

import dev.panthera.deploy.DeploymentService.DeploymentView;
import dev.panthera.deploy.DeploymentService.Health;
import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.spi.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the deployment routes (seed 000 deployment models, snake_case). */
final class DeploymentDtos {

    private DeploymentDtos() {}

    /**
     * Seed 000 DeploymentRequest. {@code resources} values: cpu "2" | "500m" | 2, memory "4Gi" |
     * "512Mi" | 4, gpu 0 | 1 | true | false, disk "10Gi" | 10; left out, the metadata's.
     */
    record DeploymentRequest(String nftTokenId, String collection, String provider, Map<String, Object> resources) {}

    /** Seed 000 DeploymentResponse; {@code estimated_time} in seconds. */
    record DeploymentResponse(
            UUID deploymentId, String status, String endpointUrl, long estimatedTime, Instant createdAt) {

        static DeploymentResponse of(DeploymentView d) {
            return new DeploymentResponse(
                    d.id(), d.status().id(), d.endpointUrl(), d.estimatedTime().toSeconds(), d.createdAt());
        }
    }

    /** Seed 000 DeploymentStatus; {@code uptime} in seconds while running. */
    record DeploymentStatus(
            UUID deploymentId,
            String collection,
            String nftTokenId,
            String status,
            String provider,
            String endpointUrl,
            ResourcesBody resources,
            Health health,
            Long uptime,
            String error,
            int restartCount,
            Instant createdAt,
            Instant updatedAt) {

        static DeploymentStatus of(DeploymentView d, Instant now) {
            Long uptime = d.status() == DeploymentState.RUNNING && d.startedAt() != null
                    ? Duration.between(d.startedAt(), now).toSeconds()
                    : null;
            return new DeploymentStatus(
                    d.id(),
                    d.nft().collection(),
                    d.nft().tokenId(),
                    d.status().id(),
                    d.provider(),
                    d.endpointUrl(),
                    ResourcesBody.of(d.resources()),
                    d.health(),
                    uptime,
                    d.error(),
                    d.restartCount(),
                    d.createdAt(),
                    d.updatedAt());
        }
    }

    /** Allocated resources in the request's notation: cores, "Gi" quantities, gpu units. */
    record ResourcesBody(double cpu, String memory, int gpu, String disk) {
        static ResourcesBody of(Resources r) {
            return new ResourcesBody(r.cpu(), gi(r.memoryGb()), r.gpu(), gi(r.diskGb()));
        }

        private static String gi(double v) {
            return (v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v)) + "Gi";
        }
    }

    record DeploymentList(List<DeploymentStatus> deployments, int limit, int offset) {}
}
