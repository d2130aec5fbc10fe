package dev.panthera.deploy.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code panthera.deploy}: the provider used when a request names none, how long a workload may take
 * to become ready, how often running deployments are probed, and how many restarts (spaced by
 * {@code restartBackoff}, doubling) an unhealthy one gets before it fails.
 */
@ConfigurationProperties("panthera.deploy")
public record DeployProperties(
        @DefaultValue("local") String defaultProvider,
        @DefaultValue("5m") Duration startTimeout,
        @DefaultValue("30s") Duration healthInterval,
        @DefaultValue("3") int maxRestarts,
        @DefaultValue("10s") Duration restartBackoff) {}
