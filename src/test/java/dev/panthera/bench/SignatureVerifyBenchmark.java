package dev.panthera.bench;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.internal.wallet.WalletSignInVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wallet signature verification per family over the positive reference vectors, doing what the
 * Node reference benchmark (tools/vectors/bench.mjs) does per operation — decode the signature
 * (and key) strings, hash what the wallet signed, verify:
 *
 * <ul>
 *   <li>EVM: EIP-191 hash (keccak256), libsecp256k1 recover, keccak of the key, compare to the address;
 *   <li>Cosmos: build the ADR-036 sign doc, sha256, low-S check, libsecp256k1 verify with the public
 *       key (plus the pubkey-to-address check, which the reference skips);
 *   <li>Solana: base58-decode signature and address, Ed25519 verify (BouncyCastle).
 * </ul>
 *
 * Run single-threaded, side by side with the Node reference: {@code bench/signature-bench.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SignatureVerifyBenchmark {

    record Vector(String address, String message, String signature, String publicKey) {}

    private List<Vector> evm;
    private List<Vector> cosmos;
    private List<Vector> solana;
    private int evmIndex;
    private int cosmosIndex;
    private int solanaIndex;

    @Setup
    public void load() {
        evm = vectors(ChainFamily.EVM);
        cosmos = vectors(ChainFamily.COSMOS);
        solana = vectors(ChainFamily.SOLANA);
        // every positive vector must verify before anything is timed
        for (ChainFamily family : ChainFamily.values()) {
            for (Vector v : vectors(family)) {
                WalletSignInVerifier.verifySignatureOnly(
                        family, v.address(), v.message(), v.signature(), v.publicKey());
            }
        }
    }

    @Benchmark
    public int evm() {
        Vector v = evm.get(evmIndex = (evmIndex + 1) % evm.size());
        WalletSignInVerifier.verifySignatureOnly(ChainFamily.EVM, v.address(), v.message(), v.signature(), null);
        return evmIndex;
    }

    @Benchmark
    public int cosmos() {
        Vector v = cosmos.get(cosmosIndex = (cosmosIndex + 1) % cosmos.size());
        WalletSignInVerifier.verifySignatureOnly(
                ChainFamily.COSMOS, v.address(), v.message(), v.signature(), v.publicKey());
        return cosmosIndex;
    }

    @Benchmark
    public int solana() {
        Vector v = solana.get(solanaIndex = (solanaIndex + 1) % solana.size());
        WalletSignInVerifier.verifySignatureOnly(ChainFamily.SOLANA, v.address(), v.message(), v.signature(), null);
        return solanaIndex;
    }

    static List<Vector> vectors(ChainFamily family) {
        String path = "/vectors/" + family.id() + ".json";
        try (InputStream in = SignatureVerifyBenchmark.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path + " on the test classpath");
            }
            List<Vector> out = new ArrayList<>();
            for (JsonNode v : JsonMapper.builder().build().readTree(in).path("valid")) {
                out.add(new Vector(
                        v.path("address").asString(),
                        v.path("message").asString(),
                        v.path("signature").asString(),
                        v.path("public_key").isString() ? v.path("public_key").asString() : null));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
