package dev.panthera.deploy.provider.docker;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.panthera.deploy.spi.ProviderStatus;
import dev.panthera.deploy.spi.ProviderStatus.Phase;
import java.util.Locale;

/** Reads an inspected container: its phase for the SPI and the URL its published port answers on. */
final class ContainerStates {

    private ContainerStates() {}

    static ProviderStatus status(InspectContainerResponse container, String endpoint) {
        ContainerState state = container.getState();
        String status = state == null || state.getStatus() == null
                ? "unknown"
                : state.getStatus().toLowerCase(Locale.ROOT);
        return switch (status) {
            case "running" -> running(state, endpoint);
            case "created", "restarting", "paused" ->
                new ProviderStatus(Phase.STARTING, endpoint, "container " + status);
            case "exited", "dead" -> new ProviderStatus(Phase.FAILED, null, failure(state, status));
            case "removing" -> new ProviderStatus(Phase.GONE, null, "container is being removed");
            default -> new ProviderStatus(Phase.STARTING, endpoint, "container state " + status);
        };
    }

    private static ProviderStatus running(ContainerState state, String endpoint) {
        String health = healthStatus(state);
        if (health == null || health.equals("healthy") || health.equals("none")) {
            return new ProviderStatus(Phase.READY, endpoint, null);
        }
        // "starting", or "unhealthy" which may still recover: let the caller's start timeout decide.
        return new ProviderStatus(Phase.STARTING, endpoint, "health check " + health);
    }

    static String healthStatus(ContainerState state) {
        HealthState health = state == null ? null : state.getHealth();
        return health == null || health.getStatus() == null
                ? null
                : health.getStatus().toLowerCase(Locale.ROOT);
    }

    static boolean isRunning(InspectContainerResponse container) {
        return container.getState() != null
                && Boolean.TRUE.equals(container.getState().getRunning());
    }

    private static String failure(ContainerState state, String status) {
        if (Boolean.TRUE.equals(state.getOOMKilled())) {
            return "container was killed for running out of memory (raise the memory limit)";
        }
        Long code = state.getExitCodeLong();
        StringBuilder reason = new StringBuilder("container ").append(status);
        if (code != null) {
            reason.append(" with code ").append(code);
        }
        if (state.getError() != null && !state.getError().isBlank()) {
            reason.append(": ").append(state.getError());
        }
        return reason.toString();
    }

    /** {@code http://<published-host>:<host port>}, or null while the engine has assigned no port. */
    static String endpoint(InspectContainerResponse container, ExposedPort port, String publishedHost) {
        if (container.getNetworkSettings() == null
                || container.getNetworkSettings().getPorts() == null) {
            return null;
        }
        Ports.Binding[] bindings =
                container.getNetworkSettings().getPorts().getBindings().get(port);
        if (bindings == null) {
            return null;
        }
        for (Ports.Binding binding : bindings) {
            String hostPort = binding.getHostPortSpec();
            if (hostPort != null && !hostPort.isBlank()) {
                return "http://" + publishedHost + ":" + hostPort;
            }
        }
        return null;
    }
}
