package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Address canonicalisation and signature decoding under arbitrary input fail only with API errors. */
class WalletInputPropertiesTest {

    private static final Set<String> PREFIXES = Set.of("secret", "cosmos");
    private static final List<Vectors.Vector> VALID = valid();

    private static List<Vectors.Vector> valid() {
        List<Vectors.Vector> out = new ArrayList<>();
        for (ChainFamily family : ChainFamily.values()) {
            out.addAll(Vectors.valid(family));
        }
        return out;
    }

    private static ChainFamily familyOf(Vectors.Vector v) {
        return v.name().startsWith("evm")
                ? ChainFamily.EVM
                : v.name().startsWith("cosmos") ? ChainFamily.COSMOS : ChainFamily.SOLANA;
    }

    private static void failsOnlyWith(Runnable action, ProblemCode... allowed) {
        try {
            action.run();
        } catch (PantheraException e) {
            assertThat(e.code()).isIn((Object[]) allowed);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void addressesInferOrFailWithValidation(@ForAll("addresses") String address) {
        failsOnlyWith(() -> {
            ChainFamily family = WalletAddresses.infer(address, PREFIXES);
            String canonical = WalletAddresses.canonical(family, address, PREFIXES);
            assertThat(WalletAddresses.canonical(family, canonical, PREFIXES)).isEqualTo(canonical);
            assertThat(WalletAddresses.infer(canonical, PREFIXES)).isEqualTo(family);
        }, ProblemCode.VALIDATION_FAILED);
    }

    @Property(tries = 1000)
    void canonicalForAnyFamilyFailsOnlyWithValidation(
            @ForAll("families") ChainFamily family, @ForAll("addresses") String address) {
        failsOnlyWith(() -> WalletAddresses.canonical(family, address, PREFIXES), ProblemCode.VALIDATION_FAILED);
    }

    @Property(tries = 1000)
    void signaturesAndKeysUnderArbitraryInput(
            @ForAll("vectors") Vectors.Vector v, @ForAll("signatures") String signature, @ForAll("signatures") String key) {
        ChainFamily family = familyOf(v);
        failsOnlyWith(
                () -> WalletSignatureVerifier.of(family).verify(v.address(), v.message(), signature, key),
                ProblemCode.VALIDATION_FAILED,
                ProblemCode.INVALID_SIGNATURE);
    }

    @Property(tries = 1000)
    void mutatedSignaturesNeverVerify(
            @ForAll("vectors") Vectors.Vector v, @ForAll("positions") int position, @ForAll("chars") char c) {
        ChainFamily family = familyOf(v);
        String sig = v.signature();
        int at = Math.floorMod(position, sig.length());
        String mutated = sig.substring(0, at) + c + sig.substring(at + 1);
        if (mutated.equals(sig)) {
            return;
        }
        try {
            WalletSignatureVerifier.of(family).verify(v.address(), v.message(), mutated, v.publicKey());
            // the only accepted variants of a signature: hex case (EVM), v = 0/1 (EVM) or base64 padding bits
            assertThat(family).isNotEqualTo(ChainFamily.SOLANA);
        } catch (PantheraException e) {
            assertThat(e.code()).isIn(ProblemCode.VALIDATION_FAILED, ProblemCode.INVALID_SIGNATURE);
        }
    }

    @Provide
    Arbitrary<ChainFamily> families() {
        return Arbitraries.of(ChainFamily.class);
    }

    @Provide
    Arbitrary<Vectors.Vector> vectors() {
        return Arbitraries.of(VALID);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<Character> chars() {
        return Arbitraries.oneOf(
                Arbitraries.chars().ascii(), Arbitraries.of('0', 'a', 'F', '=', '+', '/', '{', '\u00e9', '\uD800'));
    }

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> near = Combinators.combine(
                        Arbitraries.of(VALID.stream().map(Vectors.Vector::address).toList()),
                        Arbitraries.integers().between(0, 100),
                        Arbitraries.chars().ascii())
                .as((a, i, c) -> {
                    int at = i % a.length();
                    return a.substring(0, at) + c + a.substring(at + 1);
                });
        return Arbitraries.oneOf(
                Arbitraries.strings(),
                Arbitraries.strings().withChars("0123456789abcdefABCDEFx").ofMaxLength(44).map(s -> "0x" + s),
                Arbitraries.strings().withChars("qpzry9x8gf2tvdw0s3jn54khce6mua7l").ofMaxLength(60).map(s -> "secret1" + s),
                Arbitraries.strings().withChars("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz").ofMaxLength(200),
                near,
                Arbitraries.strings().ofMinLength(1).ofMaxLength(5).map(s -> s.repeat(5_000)));
    }

    @Provide
    Arbitrary<String> signatures() {
        return Arbitraries.oneOf(
                Arbitraries.strings(),
                Arbitraries.just(null),
                Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(128).ofMaxLength(132).map(s -> "0x" + s),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
                        .ofMinLength(40).ofMaxLength(92),
                Arbitraries.strings().withChars("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
                        .ofMinLength(80).ofMaxLength(95),
                Arbitraries.strings().ofMaxLength(40).map(s -> "{\"pub_key\":{\"type\":\"" + s + "\"},\"signature\":1}"),
                Arbitraries.of(
                        "{", "{}", "{\"pub_key\":null}", "{\"pub_key\":{\"type\":\"tendermint/PubKeySecp256k1\","
                                + "\"value\":\"AAAA\"},\"signature\":\"AAAA\"}"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(3).map(s -> s.repeat(10_000)));
    }
}
