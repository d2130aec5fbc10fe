package dev.panthera.bench;

import dev.panthera.PantheraApplication;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient;
import dev.panthera.support.TestEnvironment;
import dev.panthera.support.chain.Erc721;
import dev.panthera.support.chain.HardhatNode;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Time from an on-chain transfer being confirmed (its confirmation block mined on a local Hardhat
 * node) to the previous owner's NFT session being refused, with the transfer watcher polling every
 * {@code pollMillis}. One transfer per invocation, the token going back and forth between two
 * wallets; the owner signs in again before each one (not timed). The poll interval is the
 * baseline: the ratio says how much of the delay is waiting for the next poll.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 12)
public class TransferRevocationBenchmark {

    @Param({"1000"})
    public long pollMillis;

    HardhatNode node;
    Erc721 nft;
    Credentials[] holders;
    ConfigurableApplicationContext app;
    ApiClient api;
    int turn;
    String ownerSession;

    @Setup(Level.Trial)
    public void start() {
        node = HardhatNode.shared();
        Credentials deployer = node.accounts().get(0);
        holders = new Credentials[] {node.accounts().get(3), node.accounts().get(4)};
        nft = node.deployCollection(deployer);
        nft.mint(deployer, holders[0].getAddress(), BigInteger.ONE, "");
        String db = TestEnvironment.databaseUrl();
        app = new SpringApplicationBuilder(PantheraApplication.class)
                .run(
                        "--server.port=0",
                        "--logging.level.root=WARN",
                        "--panthera.data-dir=" + TestEnvironment.newDataDir(),
                        "--panthera.database-url=" + (db == null ? "" : db),
                        "--panthera.collections[0].id=bench" + System.nanoTime() % 1_000_000,
                        "--panthera.collections[0].chain=evm",
                        "--panthera.collections[0].rpc-url=" + node.rpcUrl(),
                        "--panthera.collections[0].chain-id=" + node.chainId(),
                        "--panthera.collections[0].contract=" + nft.address(),
                        "--panthera.collections[0].start-block=" + nft.deployBlock(),
                        "--panthera.collections[0].confirmations=1",
                        "--panthera.ownership.poll-interval=" + pollMillis + "ms",
                        "--panthera.rate-limits.enabled=false");
        api = new ApiClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    }

    @TearDown(Level.Trial)
    public void stop() {
        app.close();
    }

    @Setup(Level.Invocation)
    public void signInOwner() {
        Credentials owner = holders[turn % 2];
        DevWallet wallet = DevWallet.fromPrivateKey(
                ChainFamily.EVM,
                null,
                Numeric.toBytesPadded(owner.getEcKeyPair().getPrivateKey(), 32));
        var session = api.signIn(wallet, "1");
        if (session.status() != 200) {
            throw new IllegalStateException(
                    "owner sign-in failed: " + session.raw().body());
        }
        ownerSession = session.text("access_token");
        nft.transfer(owner, holders[(turn + 1) % 2].getAddress(), BigInteger.ONE);
        turn++;
    }

    @Benchmark
    public long confirmedTransferToRevocation() throws InterruptedException {
        node.mine(1); // the confirmation: from here on the transfer counts
        long start = System.nanoTime();
        while (api.get("/v1/auth/me", ownerSession).status() != 401) {
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
                throw new IllegalStateException("not revoked within 30 s");
            }
            Thread.sleep(10);
        }
        return System.nanoTime() - start;
    }
}
