package dev.panthera.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The markdown block {@code bench/deploy-bench.sh} prints: bursts against the baseline, then idle cost. */
final class DeployBenchReport {

    /** How the labels of the bursts with no agents running begin. */
    static final String BASELINE = "baseline";

    private final int burst;
    private final int concurrency;
    private final Duration health;
    private final List<DeployBenchBurst.Result> bursts = new ArrayList<>();
    private final List<DeployBenchProbe.Window> windows = new ArrayList<>();
    private DeployBenchBurst.Result ramp;

    DeployBenchReport(int burst, int concurrency, Duration health) {
        this.burst = burst;
        this.concurrency = concurrency;
        this.health = health;
    }

    void burst(DeployBenchBurst.Result result) {
        bursts.add(result);
        System.err.println("   " + row(result, baseline()));
    }

    void ramp(DeployBenchBurst.Result result) {
        ramp = result;
        System.err.println("   " + row(result, baseline()));
    }

    void window(DeployBenchProbe.Window w) {
        windows.add(w);
        System.err.println("   " + row(w));
    }

    /** Deployments/s of the baseline: the mean of the bursts with no agents running (before and after). */
    private double baseline() {
        return bursts.stream()
                .filter(r -> r.label().startsWith(BASELINE))
                .mapToDouble(DeployBenchBurst.Result::perSecond)
                .average()
                .orElse(Double.NaN);
    }

    String markdown(Instant at) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                "Run finished %s. %d deployments a burst, %d POSTs in flight; health interval %s.%n%n",
                at, burst, concurrency, health));
        md.append(
                "| burst | deployments | refused | deployments/s | vs. baseline (mean of the two) | POST→running p50 ms | p99 ms"
                        + " | max ms | POST answered p50 ms | p99 ms | Panthera CPU ms/deployment |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DeployBenchBurst.Result r : bursts) {
            md.append(row(r, baseline())).append('\n');
        }
        if (ramp != null) {
            md.append(row(ramp, baseline())).append('\n');
        }
        md.append("\n| idle node | running agents | window s | Panthera CPU ms/s | its PostgreSQL sessions' CPU ms/s"
                + " | DB transactions/s | `jobs` rows written/s | `jobs` scans/s | health jobs/s |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DeployBenchProbe.Window w : windows) {
            md.append(row(w)).append('\n');
        }
        return md.toString();
    }

    private static String row(DeployBenchBurst.Result r, double baseline) {
        List<Long> toRunning =
                r.samples().stream().map(s -> s.toRunning().toMillis()).sorted().toList();
        List<Long> post =
                r.samples().stream().map(s -> s.post().toMillis()).sorted().toList();
        String ratio = String.format(Locale.ROOT, "%.2f×", r.perSecond() / baseline);
        return String.format(
                Locale.ROOT,
                "| %s | %d | %d | %.1f | %s | %d | %d | %d | %d | %d | %.1f |",
                r.label(),
                r.samples().size(),
                r.refused(),
                r.perSecond(),
                ratio,
                pct(toRunning, 50),
                pct(toRunning, 99),
                toRunning.getLast(),
                pct(post, 50),
                pct(post, 99),
                (double) r.cpuMs() / r.samples().size());
    }

    private static String row(DeployBenchProbe.Window w) {
        return String.format(
                Locale.ROOT,
                "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |",
                w.label(),
                w.running(),
                w.seconds(),
                w.pantheraCpuMsPerS(),
                w.backendCpuMsPerS(),
                w.xactsPerS(),
                w.jobsWrittenPerS(),
                w.jobsScansPerS(),
                w.healthJobsPerS());
    }

    /** Nearest-rank percentile of sorted values. */
    static long pct(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
