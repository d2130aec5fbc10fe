package dev.panthera.identity.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The parser never fails with anything but VALIDATION_FAILED, whatever it is fed. */
class SignInMessageCodecPropertiesTest {

    record Sample(ChainFamily family, String message) {}

    enum Kind {
        DROP_LINE,
        DUPLICATE_LINE,
        SWAP_LINES,
        INSERT_TEXT,
        DELETE_CHAR,
        REPLACE_CHAR,
        TRUNCATE,
        APPEND_HUGE,
        OTHER_FAMILY
    }

    record Mutation(Kind kind, int a, int b, String text) {}

    private static final List<Sample> SAMPLES = samples();

    private static List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        for (ChainFamily family : ChainFamily.values()) {
            for (Vectors.Vector v : Vectors.valid(family)) {
                out.add(new Sample(family, v.message()));
            }
        }
        return out;
    }

    /** Parses, and when that succeeds checks that formatting and re-parsing is stable. */
    static void parsesOrFailsCleanly(ChainFamily family, String text) {
        SignInMessage parsed;
        try {
            parsed = SignInMessageCodec.parse(family, text);
        } catch (PantheraException e) {
            assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(SignInMessageCodec.parse(family, SignInMessageCodec.format(parsed)))
                .isEqualTo(parsed);
    }

    @Test
    void arbitraryStrings() {
        Fuzz.run("arbitraryStrings", 2000, r -> parsesOrFailsCleanly(family(r), Fuzz.text(r, 400)));
    }

    @Test
    void arbitraryLinesAfterAValidHeader() {
        Fuzz.run("arbitraryLinesAfterAValidHeader", 500, r -> {
            ChainFamily family = family(r);
            String header = "localhost:8080 wants you to sign in with your " + SignInMessageCodec.accountKind(family)
                    + " account:";
            List<String> lines = new ArrayList<>();
            for (int i = r.nextInt(12); i > 0; i--) {
                lines.add(r.nextBoolean() ? Fuzz.pick(r, FIELDS) + Fuzz.text(r, 30) : Fuzz.text(r, 40));
            }
            parsesOrFailsCleanly(family, header + "\n" + String.join("\n", lines));
        });
    }

    @Test
    void mutationsOfValidMessages() {
        Fuzz.run("mutationsOfValidMessages", 3000, r -> {
            Sample sample = Fuzz.pick(r, SAMPLES);
            ChainFamily family = sample.family();
            String text = sample.message();
            for (int n = 1 + r.nextInt(6); n > 0; n--) {
                Mutation m = mutation(r);
                if (m.kind() == Kind.OTHER_FAMILY) {
                    family = ChainFamily.values()[Math.floorMod(m.a(), ChainFamily.values().length)];
                } else {
                    text = apply(text, m);
                }
            }
            parsesOrFailsCleanly(family, text);
        });
    }

    private static final List<String> FIELDS = List.of(
            "URI: ",
            "Version: ",
            "Chain ID: ",
            "Nonce: ",
            "Issued At: ",
            "Expiration Time: ",
            "Not Before: ",
            "Request ID: ",
            "Resources:",
            "- ");

    private static final List<String> TOKENS =
            List.of("\n", "\n\n", " ", ":", "\r", "\u0000", "é", "\uD83D\uDE00", "\uD800", "Z", "0x", "-");

    private static ChainFamily family(SplittableRandom r) {
        return ChainFamily.values()[r.nextInt(ChainFamily.values().length)];
    }

    private static Mutation mutation(SplittableRandom r) {
        String text = switch (r.nextInt(3)) {
            case 0 -> Fuzz.text(r, 12);
            case 1 -> Fuzz.pick(r, TOKENS);
            default -> Fuzz.pick(r, FIELDS);
        };
        return new Mutation(
                Kind.values()[r.nextInt(Kind.values().length)], r.nextInt(100_001), r.nextInt(100_001), text);
    }

    static String apply(String text, Mutation m) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int i = Math.floorMod(m.a(), lines.size());
        int j = Math.floorMod(m.b(), lines.size());
        int at = text.isEmpty() ? 0 : Math.floorMod(m.a(), text.length());
        return switch (m.kind()) {
            case DROP_LINE -> {
                lines.remove(i);
                yield String.join("\n", lines);
            }
            case DUPLICATE_LINE -> {
                lines.add(i, lines.get(i));
                yield String.join("\n", lines);
            }
            case SWAP_LINES -> {
                String tmp = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, tmp);
                yield String.join("\n", lines);
            }
            case INSERT_TEXT -> text.substring(0, at) + m.text() + text.substring(at);
            case DELETE_CHAR -> text.isEmpty() ? text : text.substring(0, at) + text.substring(at + 1);
            case REPLACE_CHAR ->
                text.isEmpty() || m.text().isEmpty()
                        ? text
                        : text.substring(0, at) + m.text().charAt(0) + text.substring(at + 1);
            case TRUNCATE -> text.substring(0, at);
            case APPEND_HUGE ->
                text
                        + (m.text().isEmpty() ? "x" : m.text())
                                .repeat(20_000 / Math.max(1, m.text().length()));
            case OTHER_FAMILY -> text;
        };
    }
}
