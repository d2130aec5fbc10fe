package dev.panthera.deploy.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Statistics;
import dev.panthera.deploy.spi.HealthReport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One health probe: the container's state and Docker healthcheck from inspect, plus memory and CPU
 * from a single stats sample. A stats failure leaves the figures empty rather than calling a
 * running, healthy container unhealthy.
 */
final class ContainerHealth {

    private static final Logger log = LoggerFactory.getLogger(ContainerHealth.class);

    private final DockerClient docker;
    private final Duration timeout;

    ContainerHealth(DockerClient docker, Duration timeout) {
        this.docker = docker;
        this.timeout = timeout;
    }

    /** {@code container} as just inspected (null = gone); {@code startedNanos} when the probe began. */
    HealthReport report(InspectContainerResponse container, long startedNanos) {
        if (container == null) {
            return new HealthReport(false, since(startedNanos), null, null, "container no longer exists");
        }
        if (!ContainerStates.isRunning(container)) {
            String why = ContainerStates.status(container, null).message();
            return new HealthReport(false, since(startedNanos), null, null, why);
        }
        Statistics stats = sample(container.getId());
        Long memory = stats == null ? null : ContainerStats.memoryBytes(stats);
        Double cpu = stats == null ? null : ContainerStats.cpuPercent(stats);
        String health = ContainerStates.healthStatus(container.getState());
        if ("unhealthy".equals(health)) {
            Integer streak = container.getState().getHealth().getFailingStreak();
            String error = "container health check failing" + (streak == null ? "" : " (" + streak + " in a row)");
            return new HealthReport(false, since(startedNanos), memory, cpu, error);
        }
        return new HealthReport(true, since(startedNanos), memory, cpu, null);
    }

    private Statistics sample(String containerId) {
        FirstSample callback = new FirstSample();
        try (callback) {
            docker.statsCmd(containerId).withNoStream(true).exec(callback);
            callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return callback.sample;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return callback.sample;
        } catch (Exception e) {
            log.warn(
                    "Docker stats for container {} failed: {}",
                    containerId,
                    DockerErrors.engineMessage(e.getMessage()));
            return callback.sample;
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Keeps the one sample {@code stream=false} returns. */
    private static final class FirstSample extends ResultCallback.Adapter<Statistics> {

        private volatile Statistics sample;

        @Override
        public void onNext(Statistics statistics) {
            if (sample == null) {
                sample = statistics;
            }
        }
    }
}
