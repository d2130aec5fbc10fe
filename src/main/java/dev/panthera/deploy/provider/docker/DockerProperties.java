package dev.panthera.deploy.provider.docker;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code panthera.deploy.docker}: where the Docker Engine is and how agent containers are made.
 * Label keys with dots need the bracket form, e.g. {@code labels: {"[com.example.team]": agents}}.
 */
@ConfigurationProperties("panthera.deploy.docker")
record DockerProperties(
        /** The provider bean exists only when true. */
        boolean enabled,
        /** unix:///var/run/docker.sock, or tcp://host:2375 (TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH). */
        @DefaultValue("unix:///var/run/docker.sock") String host,
        /** Engine API version to pin, e.g. 1.44; empty = unversioned paths (the engine's current). */
        String apiVersion,
        /** Docker network the containers join; empty = the engine's default bridge. */
        String network,
        /** Image used when the NFT metadata names none. */
        String defaultImage,
        /** The port the agent listens on inside its container. */
        @DefaultValue("8080") int containerPort,
        /** Host name in the endpoint URL, as Panthera reaches the published port. */
        @DefaultValue("127.0.0.1") String publishedHost,
        /** Host address the port is published on; loopback keeps agents off other interfaces. */
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("if-missing") PullPolicy pullPolicy,
        /** Longest wait for one Engine API answer (a stop waits up to 10 s for the agent). */
        @DefaultValue("30s") Duration requestTimeout,
        /** Longest wait for an image pull; large images take longer than one request. */
        @DefaultValue("10m") Duration pullTimeout,
        /** Extra labels on every container. */
        @DefaultValue Map<String, String> labels) {

    DockerProperties {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** When {@code deploy} pulls: only when the engine lacks the image, or every time (moving tags). */
    enum PullPolicy {
        IF_MISSING,
        ALWAYS
    }
}
