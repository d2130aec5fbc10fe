package dev.panthera.support.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * A real local EVM node for integration tests: Hardhat 2 from {@code tools/chain}, one per JVM,
 * started on first use and stopped when the JVM exits (also when it is killed: the node watches
 * its stdin, which the JVM holds).
 *
 * <p>First use runs {@code npm ci} in {@code tools/chain} when its {@code node_modules} is missing
 * or older than {@code package-lock.json} (about 30 s, the npm registry must be reachable; a file
 * lock keeps parallel builds from installing at once), and {@code node compile.mjs} when the
 * committed {@code build/PantheraAgents.json} is missing. The node's output goes to {@code
 * hardhat-node-<port>.log} in the build directory, with the dev accounts' private keys redacted.
 *
 * <pre>{@code
 * HardhatNode node = HardhatNode.shared();
 * Credentials deployer = node.accounts().get(0);
 * Erc721 nft = node.deployCollection(deployer);
 * nft.mint(deployer, node.accounts().get(1).getAddress(), BigInteger.ONE, "ipfs://...");
 * node.mine(2); // confirmations
 * }</pre>
 *
 * Transactions are mined as soon as they are sent (automine); the methods that send them return
 * the receipt. Use a fresh {@link #deployCollection} per test class: the node is shared by every
 * test in the JVM.
 */
public final class HardhatNode {

    public static final String CHAIN_ID = "31337";
    public static final long CHAIN_ID_NUMBER = 31337L;

    private static final Logger log = LoggerFactory.getLogger(HardhatNode.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern PRIVATE_KEY = Pattern.compile("(?i)(private key:?\\s*)(0x)?[0-9a-f]{64}");
    private static final BigInteger MAX_PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L); // 1 gwei
    private static final BigInteger MAX_FEE = BigInteger.valueOf(100_000_000_000L); // 100 gwei
    private static final BigInteger DEPLOY_GAS = BigInteger.valueOf(5_000_000L);
    private static final BigInteger CALL_GAS = BigInteger.valueOf(1_000_000L);

    private static HardhatNode shared;
    private static RuntimeException sharedFailure;

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Web3j web3j;
    private final HttpService service;
    private final OkHttpClient http;
    private final Map<String, RawTransactionManager> transactionManagers = new ConcurrentHashMap<>();

    private HardhatNode(Process process, int port, Path logFile, OkHttpClient http) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.http = http;
        this.service = new HttpService(rpcUrl(port), http);
        this.web3j = Web3j.build(service);
    }

    /**
     * The JVM's node, started (and installed) on first call. A failed start is remembered: later
     * calls throw the same error at once instead of waiting again.
     */
    public static synchronized HardhatNode shared() {
        if (shared != null) {
            return shared;
        }
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        try {
            shared = start();
            HardhatNode node = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "hardhat-node-stop"));
            return shared;
        } catch (RuntimeException e) {
            sharedFailure = e;
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String rpcUrl() {
        return rpcUrl(port);
    }

    public int port() {
        return port;
    }

    /** "31337" */
    public String chainId() {
        return CHAIN_ID;
    }

    /** A web3j client of this node (30 s timeouts). */
    public Web3j web3j() {
        return web3j;
    }

    /** The 20 funded dev accounts (Hardhat's default mnemonic), #0 first. */
    public List<Credentials> accounts() {
        return DevAccounts.all();
    }

    /** Where the node's output goes (private keys redacted). */
    public Path logFile() {
        return logFile;
    }

    /** The newest block number. */
    public long blockNumber() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mines {@code blocks} empty blocks at once ({@code hardhat_mine}). */
    public void mine(int blocks) {
        if (blocks <= 0) {
            return;
        }
        try {
            VoidResponse response = new Request<>(
                            "hardhat_mine",
                            List.of(Numeric.encodeQuantity(BigInteger.valueOf(blocks))),
                            service,
                            VoidResponse.class)
                    .send();
            if (response.hasError()) {
                throw new IllegalStateException(
                        "hardhat_mine failed: " + response.getError().getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deploys a fresh PantheraAgents ERC-721 (tools/chain/contracts); {@code deployer} may mint. */
    public Erc721 deployCollection(Credentials deployer) {
        TransactionReceipt receipt = transact(deployer, null, Artifact.bytecode(), "deploy PantheraAgents");
        if (receipt.getContractAddress() == null) {
            throw new IllegalStateException("deploy PantheraAgents: the receipt has no contract address");
        }
        return new Erc721(
                this, receipt.getContractAddress(), receipt.getBlockNumber().longValueExact());
    }

    /** Sends an EIP-1559 transaction signed by {@code from} ({@code to} null = create) and waits for its receipt. */
    synchronized TransactionReceipt transact(Credentials from, String to, String data, String what) {
        RawTransactionManager manager = transactionManagers.computeIfAbsent(
                from.getAddress(),
                address -> new RawTransactionManager(
                        web3j, from, CHAIN_ID_NUMBER, new PollingTransactionReceiptProcessor(web3j, 50, 1200)));
        try {
            boolean create = to == null;
            EthSendTransaction sent = manager.sendEIP1559Transaction(
                    CHAIN_ID_NUMBER,
                    MAX_PRIORITY_FEE,
                    MAX_FEE,
                    create ? DEPLOY_GAS : CALL_GAS,
                    create ? "" : to,
                    data,
                    BigInteger.ZERO,
                    create);
            if (sent.hasError()) {
                throw new IllegalStateException(
                        what + " was rejected: " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3j, 50, 1200)
                    .waitForTransactionReceipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new IllegalStateException(
                        what + " failed in block " + receipt.getBlockNumber() + ": status " + receipt.getStatus()
                                + (receipt.getRevertReason() == null ? "" : " " + receipt.getRevertReason()));
            }
            return receipt;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (TransactionException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static String rpcUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    // ---------------------------------------------------------------- start and stop

    private static HardhatNode start() {
        long started = System.nanoTime();
        Path chainDir = chainDir();
        Path buildDir = buildDir();
        install(chainDir, buildDir);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            try {
                HardhatNode node = launch(chainDir, buildDir, port);
                log.info(
                        "hardhat node ready at {} in {} ms (log: {})",
                        node.rpcUrl(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                        node.logFile);
                return node;
            } catch (PortTakenException e) {
                log.warn("hardhat node: port {} was taken, trying another", port);
                last = e;
            }
        }
        throw last;
    }

    private static HardhatNode launch(Path chainDir, Path buildDir, int port) {
        Path logFile = buildDir.resolve("hardhat-node-" + port + ".log");
        List<String> command = List.of(
                "node",
                "--require",
                chainDir.resolve("exit-with-parent.cjs").toString(),
                chainDir.resolve("node_modules/hardhat/internal/cli/bootstrap.js")
                        .toString(),
                "node",
                "--hostname",
                "127.0.0.1",
                "--port",
                Integer.toString(port));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(chainDir.toFile()).redirectErrorStream(true);
        builder.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
        builder.environment().put("NO_COLOR", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run `node` (Node.js 20+ must be on the PATH for the chain tests): " + e.getMessage(), e);
        }
        pump(process.getInputStream(), logFile, "hardhat-node-" + port);

        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(30))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .build();
        OkHttpClient probeHttp = http.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(3))
                .build();
        Web3j probe = Web3j.build(new HttpService(rpcUrl(port), probeHttp));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = tail(logFile);
                if (tail.contains("EADDRINUSE")) {
                    throw new PortTakenException();
                }
                throw new IllegalStateException("hardhat node exited with code " + process.exitValue()
                        + " before answering; last output (" + logFile + "):\n" + tail);
            }
            try {
                EthChainId answer = probe.ethChainId().send();
                if (!answer.hasError() && answer.getChainId() != null) {
                    if (answer.getChainId().longValue() != CHAIN_ID_NUMBER) {
                        destroy(process);
                        throw new IllegalStateException("the node on port " + port + " has chain id "
                                + answer.getChainId() + ", expected " + CHAIN_ID);
                    }
                    return new HardhatNode(process, port, logFile, http);
                }
                lastProblem = answer.hasError() ? answer.getError().getMessage() : "empty answer";
            } catch (IOException | RuntimeException e) {
                lastProblem = e.getMessage();
            }
            sleep(250);
        }
        destroy(process);
        throw new IllegalStateException("hardhat node did not answer eth_chainId on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s (" + lastProblem + "); last output (" + logFile + "):\n"
                + tail(logFile));
    }

    void stop() {
        destroy(process);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------- npm ci and compile

    private static void install(Path chainDir, Path buildDir) {
        Path lockFile = chainDir.resolve(".install.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (needsNpmCi(chainDir)) {
                requireTool(List.of("npm", "--version"), chainDir, "npm");
                log.info(
                        "hardhat node: running `npm ci` in {} (first run on this checkout; ~30 s, needs the npm registry)",
                        chainDir);
                long t0 = System.nanoTime();
                run(
                        List.of("npm", "ci", "--no-audit", "--no-fund"),
                        chainDir,
                        buildDir.resolve("hardhat-npm-ci.log"),
                        "npm ci");
                log.info("hardhat node: npm ci done in {} s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
            }
            if (!Files.isRegularFile(Artifact.file(chainDir))) {
                log.info("hardhat node: compiling PantheraAgents.sol with solc-js (node compile.mjs)");
                run(
                        List.of("node", "compile.mjs"),
                        chainDir,
                        buildDir.resolve("hardhat-compile.log"),
                        "node compile.mjs");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + chainDir, e);
        }
    }

    private static boolean needsNpmCi(Path chainDir) throws IOException {
        Path installed = chainDir.resolve("node_modules/.package-lock.json");
        Path hardhat = chainDir.resolve("node_modules/hardhat/internal/cli/bootstrap.js");
        if (!Files.isRegularFile(installed) || !Files.isRegularFile(hardhat)) {
            return true;
        }
        return Files.getLastModifiedTime(chainDir.resolve("package-lock.json"))
                        .compareTo(Files.getLastModifiedTime(installed))
                > 0;
    }

    private static void requireTool(List<String> command, Path dir, String name) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("`" + String.join(" ", command) + "` failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(name + " is not on the PATH: the chain tests need Node.js 20+ with npm"
                    + " to install Hardhat into tools/chain (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void run(List<String> command, Path dir, Path logFile, String what) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            if (!p.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                destroy(p);
                throw new IllegalStateException(what + " took longer than " + INSTALL_TIMEOUT.toMinutes()
                        + " minutes; output in " + logFile + ":\n" + tail(logFile));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed with exit code " + p.exitValue() + "; output in "
                        + logFile + ":\n" + tail(logFile));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        }
    }

    // ---------------------------------------------------------------- files and helpers

    /** tools/chain: {@code -Dpanthera.chain.dir}, else found upwards from the working directory. */
    static Path chainDir() {
        String configured = System.getProperty("panthera.chain.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/chain");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "tools/chain not found above " + Path.of("").toAbsolutePath() + " (set -Dpanthera.chain.dir)");
    }

    /** The Maven build directory these test classes were compiled into (target, or -Dbuild.dir). */
    private static Path buildDir() {
        try {
            Path classes = Path.of(HardhatNode.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path dir = Files.isDirectory(classes) && classes.getParent() != null
                    ? classes.getParent()
                    : Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(dir);
            return dir;
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return Path.of(System.getProperty("java.io.tmpdir"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the node's output to the log file line by line, redacting private keys. */
    private static void pump(InputStream output, Path logFile, String name) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                                    new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                            Writer writer = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            writer.write(PRIVATE_KEY.matcher(line).replaceAll("$1<redacted>"));
                            writer.write('\n');
                            writer.flush();
                        }
                    } catch (IOException e) {
                        // the node is gone
                    }
                },
                name + "-output");
        thread.setDaemon(true);
        thread.start();
    }

    private static String tail(Path logFile) {
        try {
            if (!Files.isRegularFile(logFile)) {
                return "(no output)";
            }
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> last = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            return String.join("\n", last);
        } catch (IOException | RuntimeException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the hardhat node", e);
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException() {
            super("port taken");
        }
    }

    /** tools/chain/build/PantheraAgents.json, written by compile.mjs. */
    static final class Artifact {
        private static String bytecode;

        static Path file(Path chainDir) {
            return chainDir.resolve("build/PantheraAgents.json");
        }

        static synchronized String bytecode() {
            if (bytecode == null) {
                try {
                    JsonNode json = ObjectMapperFactory.getObjectMapper()
                            .readTree(file(chainDir()).toFile());
                    String hex = json.path("bytecode").asText("");
                    if (!hex.startsWith("0x") || hex.length() < 4) {
                        throw new IllegalStateException("no bytecode in " + file(chainDir()));
                    }
                    bytecode = hex;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file(chainDir()), e);
                }
            }
            return bytecode;
        }
    }
}
