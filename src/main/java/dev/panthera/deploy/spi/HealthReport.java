package dev.panthera.deploy.spi;

import java.time.Duration;

/**
 * Seed 000 AgentHealth from one probe: healthy or not, how long the probe took, memory in bytes and
 * CPU percent when the provider reports them (null otherwise), and the error when unhealthy.
 */
public record HealthReport(boolean healthy, Duration responseTime, Long memoryBytes, Double cpuPercent, String error) {}
