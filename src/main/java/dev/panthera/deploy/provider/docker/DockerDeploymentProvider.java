package dev.panthera.deploy.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.panthera.deploy.spi.DeploymentProvider;
import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.HealthReport;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.ProviderStatus;
import dev.panthera.deploy.spi.ProviderStatus.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs each agent as one Docker container named after the deployment's slug. A re-apply finds the
 * container by that name (checking its deploy-id label) and only starts it if it is stopped, so a
 * deploy repeated after a crash never makes a second container.
 */
final class DockerDeploymentProvider implements DeploymentProvider, AutoCloseable {

    static final String NAME = "docker";

    /** Seconds the agent gets to shut down on SIGTERM before the engine kills it. */
    private static final int STOP_GRACE_SECONDS = 10;

    private final DockerClient docker;
    private final DockerProperties properties;
    private final ContainerTemplate template;
    private final ContainerHealth health;

    DockerDeploymentProvider(DockerClient docker, DockerProperties properties) {
        this.docker = docker;
        this.properties = properties;
        this.template = new ContainerTemplate(properties);
        this.health = new ContainerHealth(docker, properties.requestTimeout());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderDeployment deploy(DeploymentSpec spec) {
        String image = imageFor(spec);
        InspectContainerResponse container = find(spec);
        if (container == null) {
            ensureImage(image);
            container = create(spec, image);
        }
        String id = container.getId();
        if (!ContainerStates.isRunning(container)) {
            call("start container " + spec.slug(), () -> {
                try {
                    docker.startContainerCmd(id).exec();
                } catch (NotModifiedException alreadyStarted) {
                    // Started by a concurrent re-apply: the outcome we wanted.
                }
                return null;
            });
            container = call(
                    "inspect container " + spec.slug(),
                    () -> docker.inspectContainerCmd(id).exec());
        }
        return new ProviderDeployment(id, endpoint(container), Map.of("container_name", spec.slug(), "image", image));
    }

    @Override
    public ProviderStatus status(ProviderDeployment deployment) {
        InspectContainerResponse container = inspect(deployment);
        if (container == null) {
            return new ProviderStatus(Phase.GONE, null, "container " + target(deployment) + " no longer exists");
        }
        return ContainerStates.status(container, endpoint(container));
    }

    @Override
    public HealthReport health(ProviderDeployment deployment) {
        long started = System.nanoTime();
        return health.report(inspect(deployment), started);
    }

    @Override
    public void stop(ProviderDeployment deployment) {
        String target = target(deployment);
        if (target == null) {
            return;
        }
        call("stop container " + target, () -> {
            try {
                docker.stopContainerCmd(target).withTimeout(STOP_GRACE_SECONDS).exec();
            } catch (NotModifiedException alreadyStopped) {
                // Exited on its own: nothing to stop, still to remove.
            } catch (NotFoundException gone) {
                return null;
            }
            try {
                // Forced, in case the restart policy brought it back between the stop and here.
                docker.removeContainerCmd(target)
                        .withForce(true)
                        .withRemoveVolumes(true)
                        .exec();
            } catch (NotFoundException gone) {
                // Removed concurrently: the outcome we wanted.
            }
            return null;
        });
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }

    private String imageFor(DeploymentSpec spec) {
        String image = spec.image() != null && !spec.image().isBlank() ? spec.image() : properties.defaultImage();
        if (image == null || image.isBlank()) {
            throw new ProviderException(
                    "The agent's metadata names no deployment image and panthera.deploy.docker.default-image is not set",
                    false);
        }
        return image.strip();
    }

    /** The container a previous apply of this deployment made, or null. */
    private InspectContainerResponse find(DeploymentSpec spec) {
        InspectContainerResponse existing = call("inspect container " + spec.slug(), () -> {
            try {
                return docker.inspectContainerCmd(spec.slug()).exec();
            } catch (NotFoundException none) {
                return null;
            }
        });
        if (existing == null) {
            return null;
        }
        Map<String, String> labels =
                existing.getConfig() == null ? null : existing.getConfig().getLabels();
        String owner = labels == null ? null : labels.get(ContainerTemplate.LABEL_DEPLOY_ID);
        if (!spec.deploymentId().toString().equals(owner)) {
            throw new ProviderException(
                    "Container name " + spec.slug() + " is taken by a container that is not this deployment's", false);
        }
        return existing;
    }

    private void ensureImage(String image) {
        if (properties.pullPolicy() == DockerProperties.PullPolicy.IF_MISSING) {
            boolean present = call("inspect image " + image, () -> {
                try {
                    docker.inspectImageCmd(image).exec();
                    return true;
                } catch (NotFoundException missing) {
                    return false;
                }
            });
            if (present) {
                return;
            }
        }
        pull(image);
    }

    private void pull(String image) {
        ImageRef ref = ImageRef.parse(image);
        String action = "pull image " + image;
        call(action, () -> {
            try (PullImageResultCallback pull =
                    docker.pullImageCmd(ref.repository()).withTag(ref.tag()).exec(new PullImageResultCallback())) {
                if (!pull.awaitCompletion(properties.pullTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    throw DockerErrors.timeout("finish pulling image " + image, properties.pullTimeout());
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException("Interrupted while pulling image " + image, true, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private InspectContainerResponse create(DeploymentSpec spec, String image) {
        String id;
        try {
            id = template.apply(docker.createContainerCmd(image), spec, image)
                    .exec()
                    .getId();
        } catch (RuntimeException e) {
            if (DockerErrors.isStatus(e, 409)) {
                // A concurrent apply created it first: use that one.
                InspectContainerResponse raced = find(spec);
                if (raced != null) {
                    return raced;
                }
            }
            throw DockerErrors.translate("create container " + spec.slug() + " from " + image, properties.host(), e);
        }
        return call(
                "inspect container " + spec.slug(),
                () -> docker.inspectContainerCmd(id).exec());
    }

    /** The container behind a deployment, or null when the engine has none. */
    private InspectContainerResponse inspect(ProviderDeployment deployment) {
        String target = target(deployment);
        if (target == null) {
            return null;
        }
        return call("inspect container " + target, () -> {
            try {
                return docker.inspectContainerCmd(target).exec();
            } catch (NotFoundException gone) {
                return null;
            }
        });
    }

    private String endpoint(InspectContainerResponse container) {
        return ContainerStates.endpoint(container, template.port(), properties.publishedHost());
    }

    private static String target(ProviderDeployment deployment) {
        if (deployment.providerId() != null && !deployment.providerId().isBlank()) {
            return deployment.providerId();
        }
        return deployment.details().get("container_name");
    }

    private <T> T call(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw DockerErrors.translate(action, properties.host(), e);
        }
    }
}
