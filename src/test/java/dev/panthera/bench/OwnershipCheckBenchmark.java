package dev.panthera.bench;

import dev.panthera.PantheraApplication;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.ownership.provider.dev.DevNftRegistry;
import dev.panthera.support.TestEnvironment;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ownership checks under concurrent load (4 threads on the machine's cores), in one run:
 *
 * <ul>
 *   <li>{@code facade}: {@link OwnershipService#requireOwner} as every agent request will call it
 *       (fresh answers from the ephemeral store);
 *   <li>{@code table} (baseline): the same question asked of seed 000's ownership cache table
 *       directly, one indexed query on PostgreSQL;
 *   <li>{@code chain} (baseline): the dev chain's own registry, as an uncached check would.
 * </ul>
 *
 * Run: {@code bench/ownership-bench.sh} (uses PANTHERA_TEST_DATABASE_URL when set, else an embedded
 * PostgreSQL).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class OwnershipCheckBenchmark {

    static final int TOKENS = 200;

    ConfigurableApplicationContext app;
    OwnershipService ownership;
    DevNftRegistry registry;
    JdbcClient jdbc;
    String owner;

    @Setup(Level.Trial)
    public void start() {
        String db = TestEnvironment.databaseUrl();
        app = new SpringApplicationBuilder(PantheraApplication.class)
                .run(
                        "--panthera.data-dir=" + TestEnvironment.newDataDir(),
                        "--panthera.database-url=" + (db == null ? "" : db),
                        "--server.port=0",
                        "--logging.level.root=WARN",
                        "--panthera.collections[0].id=bench" + System.nanoTime() % 100000,
                        "--panthera.collections[0].chain=dev");
        ownership = app.getBean(OwnershipService.class);
        registry = app.getBean(DevNftRegistry.class);
        jdbc = JdbcClient.create(app.getBean(DataSource.class));
        owner = DevWallet.generate(ChainFamily.EVM, null).address();
        String collection = ownership.collections().getFirst().id();
        for (int i = 1; i <= TOKENS; i++) {
            registry.mint(collection, String.valueOf(i), owner, null);
            ownership.owner(new NftId(collection, String.valueOf(i))); // warm both cache levels
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        app.close();
    }

    private NftId randomNft() {
        return new NftId(
                ownership.collections().getFirst().id(),
                String.valueOf(1 + ThreadLocalRandom.current().nextInt(TOKENS)));
    }

    @Benchmark
    public Object facade() {
        return ownership.requireOwner(randomNft(), owner);
    }

    @Benchmark
    public Object table() {
        NftId nft = randomNft();
        return jdbc.sql("select owner_address, block_height, last_verified from ownership_cache"
                        + " where collection = ? and token_id = ?")
                .params(nft.collection(), nft.tokenId())
                .query((rs, row) -> rs.getString(1))
                .single();
    }

    @Benchmark
    public Object chain() {
        NftId nft = randomNft();
        return registry.find(nft.collection(), nft.tokenId()).orElseThrow();
    }
}
