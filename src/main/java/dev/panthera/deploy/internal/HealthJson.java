package dev.panthera.deploy.internal;

import dev.panthera.deploy.DeploymentService.Health;
import dev.panthera.deploy.spi.HealthReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The stored seed 000 AgentHealth ({@code deployments.health}). */
final class HealthJson {

    private HealthJson() {}

    /** The health after a probe; {@code errorCount} counts failed probes since the last good one. */
    static String write(HealthReport report, Instant at, int errorCount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", report.healthy() ? "healthy" : "unhealthy");
        m.put("last_check", at.toString());
        m.put(
                "response_time",
                report.responseTime() == null ? null : report.responseTime().toMillis());
        m.put("memory_usage", report.memoryBytes());
        m.put("cpu_usage", report.cpuPercent());
        m.put("error_count", errorCount);
        m.put("error", report.error());
        return DeploymentRepository.JSON.writeValueAsString(m);
    }

    static Health read(String json) {
        if (json == null) {
            return null;
        }
        JsonNode n = DeploymentRepository.JSON.readTree(json);
        return new Health(
                n.path("status").asString(),
                n.hasNonNull("last_check") ? Instant.parse(n.get("last_check").asString()) : null,
                n.hasNonNull("response_time") ? n.get("response_time").asLong() : null,
                n.hasNonNull("memory_usage") ? n.get("memory_usage").asLong() : null,
                n.hasNonNull("cpu_usage") ? n.get("cpu_usage").asDouble() : null,
                n.path("error_count").asInt());
    }

    static int errorCount(String json) {
        Health h = read(json);
        return h == null ? 0 : h.errorCount();
    }
}
