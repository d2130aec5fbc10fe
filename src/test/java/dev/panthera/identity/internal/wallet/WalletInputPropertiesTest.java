package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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

    @Test
    void addressesInferOrFailWithValidation() {
        Fuzz.run("addressesInferOrFailWithValidation", 1000, r -> {
            String address = address(r);
            failsOnlyWith(
                    () -> {
                        ChainFamily family = WalletAddresses.infer(address, PREFIXES);
                        String canonical = WalletAddresses.canonical(family, address, PREFIXES);
                        assertThat(WalletAddresses.canonical(family, canonical, PREFIXES))
                                .isEqualTo(canonical);
                        assertThat(WalletAddresses.infer(canonical, PREFIXES)).isEqualTo(family);
                    },
                    ProblemCode.VALIDATION_FAILED);
        });
    }

    @Test
    void canonicalForAnyFamilyFailsOnlyWithValidation() {
        Fuzz.run("canonicalForAnyFamilyFailsOnlyWithValidation", 1000, r -> {
            ChainFamily family = ChainFamily.values()[r.nextInt(ChainFamily.values().length)];
            String address = address(r);
            failsOnlyWith(() -> WalletAddresses.canonical(family, address, PREFIXES), ProblemCode.VALIDATION_FAILED);
        });
    }

    @Test
    void signaturesAndKeysUnderArbitraryInput() {
        Fuzz.run("signaturesAndKeysUnderArbitraryInput", 1000, r -> {
            Vectors.Vector v = Fuzz.pick(r, VALID);
            String signature = signature(r);
            String key = signature(r);
            failsOnlyWith(
                    () -> WalletSignatureVerifier.of(familyOf(v)).verify(v.address(), v.message(), signature, key),
                    ProblemCode.VALIDATION_FAILED,
                    ProblemCode.INVALID_SIGNATURE);
        });
    }

    @Test
    void mutatedSignaturesNeverVerify() {
        Fuzz.run("mutatedSignaturesNeverVerify", 1000, r -> {
            Vectors.Vector v = Fuzz.pick(r, VALID);
            ChainFamily family = familyOf(v);
            String sig = v.signature();
            int at = r.nextInt(sig.length());
            char c = r.nextBoolean() ? Fuzz.character(r) : "0aF=+/{\u00e9\uD800".charAt(r.nextInt(9));
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
        });
    }

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    private static String address(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> Fuzz.text(r, 80);
            case 1 -> "0x" + Fuzz.from(r, "0123456789abcdefABCDEFx", 0, 44);
            case 2 -> "secret1" + Fuzz.from(r, "qpzry9x8gf2tvdw0s3jn54khce6mua7l", 0, 60);
            case 3 -> Fuzz.from(r, BASE58, 0, 200);
            case 4 -> {
                String a = Fuzz.pick(r, VALID).address();
                int at = r.nextInt(a.length());
                yield a.substring(0, at) + (char) (0x20 + r.nextInt(0x5f)) + a.substring(at + 1);
            }
            default -> Fuzz.text(r, 5).repeat(5_000);
        };
    }

    private static String signature(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> Fuzz.text(r, 120);
            case 1 -> null;
            case 2 -> "0x" + Fuzz.from(r, "0123456789abcdef", 128, 132);
            case 3 -> Fuzz.from(r, BASE64, 40, 92);
            case 4 -> Fuzz.from(r, BASE58, 80, 95);
            case 5 -> "{\"pub_key\":{\"type\":\"" + Fuzz.text(r, 40) + "\"},\"signature\":1}";
            case 6 ->
                Fuzz.pick(
                        r,
                        List.of(
                                "{",
                                "{}",
                                "{\"pub_key\":null}",
                                "{\"pub_key\":{\"type\":\"tendermint/PubKeySecp256k1\","
                                        + "\"value\":\"AAAA\"},\"signature\":\"AAAA\"}"));
            default -> (Fuzz.text(r, 2) + "x").repeat(10_000);
        };
    }
}
