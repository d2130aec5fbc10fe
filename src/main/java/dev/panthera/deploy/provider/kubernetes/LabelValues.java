package dev.panthera.deploy.provider.kubernetes;

/**
 * Kubernetes label values: at most 63 characters of [A-Za-z0-9-_.], starting and ending with an
 * alphanumeric. Token ids can be 78-digit uint256 numbers or base58 mints, so they are cut to fit.
 */
final class LabelValues {

    private static final int MAX = 63;

    private LabelValues() {}

    static String safe(String value) {
        if (value == null) {
            return "";
        }
        String cleaned = value.replaceAll("[^A-Za-z0-9._-]", "-");
        if (cleaned.length() > MAX) {
            cleaned = cleaned.substring(0, MAX);
        }
        cleaned = cleaned.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return cleaned;
    }
}
