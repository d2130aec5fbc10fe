package dev.panthera.deploy.provider.docker;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;

/** CPU and memory from one {@code stats?stream=false} sample, computed as the docker CLI does. */
final class ContainerStats {

    private ContainerStats() {}

    /**
     * Percent of one CPU (200 = two cores busy): the container's CPU time delta over the host's
     * between the previous and this sample, times the online CPUs. Null when there is no delta yet.
     */
    static Double cpuPercent(Statistics stats) {
        CpuStatsConfig now = stats.getCpuStats();
        CpuStatsConfig before = stats.getPreCpuStats();
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null) {
            return null;
        }
        long cpuDelta = value(now.getCpuUsage().getTotalUsage())
                - value(before.getCpuUsage().getTotalUsage());
        long systemDelta = value(now.getSystemCpuUsage()) - value(before.getSystemCpuUsage());
        long cpus = value(now.getOnlineCpus());
        if (cpus == 0 && now.getCpuUsage().getPercpuUsage() != null) {
            cpus = now.getCpuUsage().getPercpuUsage().size();
        }
        if (systemDelta <= 0 || cpuDelta < 0 || now.getSystemCpuUsage() == null) {
            return null;
        }
        return (double) cpuDelta / systemDelta * cpus * 100.0;
    }

    /** Usage without the reclaimable page cache (cgroup v2 inactive_file, v1 total_inactive_file). */
    static Long memoryBytes(Statistics stats) {
        MemoryStatsConfig memory = stats.getMemoryStats();
        if (memory == null || memory.getUsage() == null) {
            return null;
        }
        long usage = memory.getUsage();
        StatsConfig details = memory.getStats();
        if (details != null) {
            if (details.getTotalInactiveFile() != null && details.getTotalInactiveFile() < usage) {
                return usage - details.getTotalInactiveFile();
            }
            if (details.getInactiveFile() != null && details.getInactiveFile() < usage) {
                return usage - details.getInactiveFile();
            }
        }
        return usage;
    }

    private static long value(Long v) {
        return v == null ? 0 : v;
    }
}
