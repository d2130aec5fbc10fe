package dev.panthera.identity.internal.wallet;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Seeded random inputs for fuzz tests: the same seed gives the same inputs, so CI is repeatable
 * and a failure names the seed and try that reproduce it ({@code -Dfuzz.seed=N} explores others).
 */
final class Fuzz {

    static final long SEED = Long.getLong("fuzz.seed", 0x5EED_CAFEL);

    private static final String AWKWARD = "\n\r\t\u0000 :-/=+{}\"\\é\u00a0\u2028\uD83D\uDE00\uD800\uFFFF";

    private Fuzz() {}

    /** Runs {@code tries} cases, each with its own generator derived from the seed. */
    static void run(String name, int tries, Consumer<SplittableRandom> body) {
        SplittableRandom root = new SplittableRandom(SEED ^ name.hashCode());
        for (int i = 0; i < tries; i++) {
            SplittableRandom r = root.split();
            try {
                body.accept(r);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name + " failed at try " + i + " with -Dfuzz.seed=" + SEED, e);
            }
        }
    }

    /** Any text: ASCII, awkward characters (controls, separators, lone surrogates) and random UTF-16. */
    static String text(SplittableRandom r, int maxLength) {
        int length = r.nextInt(maxLength + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(
                    switch (r.nextInt(3)) {
                        case 0 -> (char) (0x20 + r.nextInt(0x5f));
                        case 1 -> AWKWARD.charAt(r.nextInt(AWKWARD.length()));
                        default -> (char) r.nextInt(Character.MAX_VALUE + 1);
                    });
        }
        return s.toString();
    }

    /** Text drawn from an alphabet, with a length in [min, max]. */
    static String from(SplittableRandom r, String alphabet, int min, int max) {
        int length = min + r.nextInt(max - min + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    static <T> T pick(SplittableRandom r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    /** One awkward or ordinary character. */
    static char character(SplittableRandom r) {
        return r.nextBoolean() ? (char) (0x20 + r.nextInt(0x5f)) : AWKWARD.charAt(r.nextInt(AWKWARD.length()));
    }
}
