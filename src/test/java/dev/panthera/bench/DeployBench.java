package dev.panthera.bench;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The driver of {@code bench/deploy-bench.sh}: deployments per second through the {@code local}
 * provider with 1,000 running agents and their health checks, against the same burst on the same
 * node without them (before they exist and after they are stopped), and the scheduler's cost with
 * 1,000 idle agents against none. One owner wallet, a fresh NFT for every deployment. Settings are
 * system properties ({@code bench.*}, see the script); progress on stderr, a markdown block on stdout.
 */
public final class DeployBench {

    static final Duration SETTLE = Duration.ofSeconds(15);

    public static void main(String[] args) throws Exception {
        String panthera = System.getProperty("bench.panthera", "http://127.0.0.1:18190");
        long pid = Long.getLong("bench.pid");
        String dbUrl = System.getProperty("bench.db");
        String collection = System.getProperty("bench.collection", "panthers");
        int agents = Integer.getInteger("bench.agents", 1000);
        int burst = Integer.getInteger("bench.burst", 200);
        int warmup = Integer.getInteger("bench.warmup", 600);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        Duration health = Duration.parse(
                "PT" + System.getProperty("bench.health-interval", "30s").toUpperCase());
        Duration idle = health.multipliedBy(2);

        ApiClient api = new ApiClient(URI.create(panthera).getPort());
        String token = api.accessToken(DevWallet.generate(ChainFamily.EVM, null));
        try (Connection db = DriverManager.getConnection(dbUrl)) {
            DeployBenchBurst bursts = new DeployBenchBurst(api, token, collection, db, concurrency);
            DeployBenchProbe probe = new DeployBenchProbe(db, pid);
            DeployBenchReport report = new DeployBenchReport(burst, concurrency, health);
            Tokens tokens = new Tokens();

            int total = warmup + agents + 4 * burst;
            System.err.printf("== minting %d NFTs of %s to one wallet%n", total, collection);
            bursts.mint(tokens.peek(total));

            System.err.printf("== warm-up: %d deployments, then stopped%n", warmup);
            bursts.stop(ids(bursts.deploy("warm-up", tokens.next(warmup), pid)));

            System.err.printf("== idle, 0 agents: %s (after %s for the statistics to settle)%n", idle, SETTLE);
            // idle sessions report their counters to pg_stat_* within 10 s: the warm-up's must not count here
            Thread.sleep(SETTLE);
            report.window(probe.measure("0 agents", idle));

            System.err.printf("== baseline burst (0 agents running): %d%n", burst);
            DeployBenchBurst.Result before =
                    bursts.deploy(DeployBenchReport.BASELINE + ": 0 agents running (before)", tokens.next(burst), pid);
            report.burst(before);
            bursts.stop(ids(before));

            System.err.printf("== phase 1: %d deployments to running%n", agents);
            DeployBenchBurst.Result ramp =
                    bursts.deploy(agents + " deployments from 0 (phase 1)", tokens.next(agents), pid);
            report.ramp(ramp);
            System.err.println("== waiting for a full health sweep over the " + agents + " agents");
            probe.awaitHealthSweepStart(health.plus(Duration.ofSeconds(10)));
            probe.awaitHealthSweepDone(health);

            System.err.printf("== idle, %d agents: two health sweep periods%n", agents);
            report.window(probe.measureSweeps(agents + " agents (health checks only)", 2, health));

            System.err.println("== loaded burst, started as a health sweep begins");
            probe.awaitHealthSweepStart(health.plus(Duration.ofSeconds(10)));
            DeployBenchBurst.Result onSweep = bursts.deploy(
                    agents + " agents running, burst starts with a health sweep", tokens.next(burst), pid);
            report.burst(onSweep);
            bursts.stop(ids(onSweep));

            System.err.println("== loaded burst, between health sweeps");
            probe.awaitHealthSweepStart(health.plus(Duration.ofSeconds(10)));
            probe.awaitHealthSweepDone(health);
            DeployBenchBurst.Result between =
                    bursts.deploy(agents + " agents running, burst between sweeps", tokens.next(burst), pid);
            report.burst(between);

            System.err.printf("== stopping all %d agents%n", agents + burst);
            List<UUID> all = new ArrayList<>(ids(ramp));
            all.addAll(ids(between));
            bursts.stop(all);

            System.err.printf("== baseline burst again (0 agents running): %d%n", burst);
            report.burst(
                    bursts.deploy(DeployBenchReport.BASELINE + ": 0 agents running (after)", tokens.next(burst), pid));

            System.out.println(report.markdown(Instant.now()));
        }
        System.exit(0);
    }

    static List<UUID> ids(DeployBenchBurst.Result result) {
        return result.samples().stream().map(DeployBenchBurst.Sample::id).toList();
    }

    /** Token ids handed out in order, each used for one deployment only. */
    static final class Tokens {
        private int next = 1;

        List<String> peek(int n) {
            return IntStream.range(next, next + n).mapToObj(Integer::toString).toList();
        }

        List<String> next(int n) {
            List<String> ids = peek(n);
            next += n;
            return ids;
        }
    }
}
