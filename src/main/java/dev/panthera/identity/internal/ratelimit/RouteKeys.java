package dev.panthera.identity.internal.ratelimit;

import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Route keys name a route for limits and counters: the literal segments of the path under
 * {@code /v1}, joined by {@code .}. Ids are dropped so that every id shares one counter.
 */
final class RouteKeys {

    /** Literal = lower-case letters, '-' and '_' (route words); anything with a digit, upper case … is an id. */
    private static final Pattern LITERAL = Pattern.compile("[a-z][a-z_-]{0,31}");
    /** Enough to tell routes apart; keeps made-up deep paths from minting endless counters. */
    private static final int MAX_SEGMENTS = 4;

    static final String ROOT = "root";

    private RouteKeys() {}

    /** {@code /v1/auth/challenge} → {@code auth.challenge}; {@code /v1/deployments/3fa8…} → {@code deployments}. */
    static String of(String path) {
        String rest = path.startsWith("/v1/") ? path.substring(4) : path;
        StringJoiner key = new StringJoiner(".");
        int kept = 0;
        for (String segment : rest.split("/")) {
            if (kept < MAX_SEGMENTS && LITERAL.matcher(segment).matches()) {
                key.add(segment);
                kept++;
            }
        }
        return kept == 0 ? ROOT : key.toString();
    }
}
