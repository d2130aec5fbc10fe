package dev.panthera.deploy.provider.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.panthera.deploy.spi.DeploymentSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container an agent runs in: named after the spec's slug, labelled so a re-apply and the
 * orphan cleanup find it, limited to the requested CPU and memory (disk is not enforced: Docker
 * can cap it only on some storage drivers), its port published on an ephemeral host port.
 *
 * <p>The agent's configuration travels as {@code PANTHERA_AGENT_CONFIG}, which anyone allowed to
 * inspect the container can read; that is acceptable because the spec's config excludes secrets.
 */
final class ContainerTemplate {

    static final String LABEL_MANAGED = "panthera.managed";
    static final String LABEL_DEPLOY_ID = "panthera.deploy-id";
    static final String LABEL_COLLECTION = "panthera.collection";
    static final String LABEL_TOKEN_ID = "panthera.token-id";

    /** Docker's own restart loop covers a crashing agent between Panthera's health checks. */
    private static final int RESTART_ATTEMPTS = 3;

    private final DockerProperties properties;

    ContainerTemplate(DockerProperties properties) {
        this.properties = properties;
    }

    CreateContainerCmd apply(CreateContainerCmd cmd, DeploymentSpec spec, String image) {
        return cmd.withName(spec.slug())
                .withImage(image)
                .withLabels(labels(spec))
                .withEnv(env(spec))
                .withExposedPorts(port())
                .withHostConfig(hostConfig(spec));
    }

    ExposedPort port() {
        return ExposedPort.tcp(properties.containerPort());
    }

    Map<String, String> labels(DeploymentSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>(properties.labels());
        labels.put(LABEL_MANAGED, "true");
        labels.put(LABEL_DEPLOY_ID, spec.deploymentId().toString());
        labels.put(LABEL_COLLECTION, spec.collection());
        labels.put(LABEL_TOKEN_ID, spec.tokenId());
        return labels;
    }

    List<String> env(DeploymentSpec spec) {
        // Panthera's own variables are set last so a plain setting cannot shadow them.
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        env.put("PANTHERA_AGENT_PORT", Integer.toString(properties.containerPort()));
        if (spec.config() != null) {
            env.put("PANTHERA_AGENT_CONFIG", spec.config());
        }
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    HostConfig hostConfig(DeploymentSpec spec) {
        var resources = spec.resources();
        HostConfig host = HostConfig.newHostConfig()
                .withNanoCPUs(Math.round(resources.cpu() * 1_000_000_000d))
                .withMemory(resources.memoryBytes())
                .withPortBindings(new PortBinding(Ports.Binding.bindIp(properties.bindAddress()), port()))
                .withRestartPolicy(RestartPolicy.onFailureRestart(RESTART_ATTEMPTS));
        if (resources.gpu() > 0) {
            // What `docker run --gpus N` sends: any driver offering the "gpu" capability.
            host.withDeviceRequests(
                    List.of(new DeviceRequest().withCount(resources.gpu()).withCapabilities(List.of(List.of("gpu")))));
        }
        if (properties.network() != null && !properties.network().isBlank()) {
            host.withNetworkMode(properties.network());
        }
        return host;
    }
}
