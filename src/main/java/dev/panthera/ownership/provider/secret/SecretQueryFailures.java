package dev.panthera.ownership.provider.secret;

import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.TokenNotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a non-2xx LCD answer into the exception the oracle throws. The contract's own error is
 * encrypted inside the LCD's message, so it is decrypted first (as secretjs's queryContract does)
 * to tell a missing token ({@link TokenNotFoundException}) from everything else
 * ({@link OracleUnavailableException}); the enclave's plain-text errors name the setting to fix.
 */
final class SecretQueryFailures {

    /** Where secretjs finds an encrypted contract error in an LCD error message (two node versions). */
    private static final Pattern ENCRYPTED_ERROR_BEFORE =
            Pattern.compile("encrypted: (.+?): (?:instantiate|execute|query|reply to|migrate) contract failed");

    private static final Pattern ENCRYPTED_ERROR_AFTER =
            Pattern.compile("(?:instantiate|execute|query|reply to|migrate) contract failed: encrypted: ([\\w+/=]+)");

    private static final Pattern STRICT_BASE64 =
            Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");
    private static final Pattern TOKEN_NOT_FOUND = Pattern.compile("^Token ID: .* not found$", Pattern.DOTALL);

    private final SecretLcd lcd;
    private final JsonMapper json;
    private final QueryPermit permit;

    SecretQueryFailures(SecretLcd lcd, JsonMapper json, QueryPermit permit) {
        this.lcd = lcd;
        this.json = json;
        this.permit = permit;
    }

    /**
     * The exception for a non-2xx {@code answer} ({@code body} its JSON, or null); {@code key} is
     * the query's tx encryption key, which also seals the contract's error.
     */
    RuntimeException failure(
            SecretTarget target, String tokenId, SecretLcd.Answer answer, JsonNode body, byte[] key, String endpoint) {
        String message = body != null && body.path("message").isString()
                ? body.path("message").stringValue()
                : body != null && body.path("error").isString()
                        ? body.path("error").stringValue()
                        : "";
        Optional<String> contractError = contractError(message, key);
        if (contractError.isPresent()) {
            String error = contractError.get();
            if (isNotFound(error)) {
                return new TokenNotFoundException("Token " + tokenId + " does not exist in Secret contract "
                        + target.contract() + " (" + clean(error) + ")");
            }
            if (error.contains("not authorized")) {
                return new OracleUnavailableException("Secret contract " + target.contract()
                        + " does not let the permit signer " + permit.address(target.prefix())
                        + " see token " + tokenId + " (private owner or private supply, or no such token): "
                        + clean(error));
            }
            return new OracleUnavailableException(
                    "Secret contract " + target.contract() + " answered with an error: " + clean(error));
        }
        if (message.contains("failed to validate transaction")) {
            return new OracleUnavailableException("The Secret enclave rejected the query to " + target.contract()
                    + " (failed to validate transaction): code-hash is not the contract's code hash");
        }
        if (message.contains("failed to decrypt data")) {
            lcd.forgetTxKey(target.lcd());
            return new OracleUnavailableException("The Secret enclave could not decrypt the query (failed to decrypt"
                    + " data): the consensus IO key from " + endpoint + " is stale or wrong; it is fetched again");
        }
        return new OracleUnavailableException("Secret LCD " + endpoint + " answered HTTP " + answer.status()
                + (message.isEmpty() ? "" : ": " + clean(message)));
    }

    /** The decrypted contract error inside an LCD error message, as secretjs's queryContract finds it. */
    private static Optional<String> contractError(String message, byte[] key) {
        for (Pattern pattern : new Pattern[] {ENCRYPTED_ERROR_BEFORE, ENCRYPTED_ERROR_AFTER}) {
            Matcher matcher = pattern.matcher(message);
            if (!matcher.find()) {
                continue;
            }
            byte[] plaintext;
            try {
                plaintext = SecretQueryCrypto.open(key, Base64.getDecoder().decode(matcher.group(1)));
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                continue;
            }
            String text = new String(plaintext, StandardCharsets.UTF_8);
            if (STRICT_BASE64.matcher(text).matches()) {
                text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            }
            return Optional.of(text);
        }
        return Optional.empty();
    }

    /** "Token ID: … not found" in a generic_err, or a StdError not_found. */
    private boolean isNotFound(String error) {
        try {
            JsonNode node = json.readTree(error);
            if (node != null && node.isObject()) {
                if (node.has("not_found")) {
                    return true;
                }
                JsonNode msg = node.path("generic_err").get("msg");
                return msg != null
                        && msg.isString()
                        && TOKEN_NOT_FOUND.matcher(msg.stringValue()).matches();
            }
        } catch (JacksonException e) {
            // a plain-text error
        }
        return TOKEN_NOT_FOUND.matcher(error.strip()).matches();
    }

    /** Error text as it may go into a message: no control characters, at most 300 characters. */
    private static String clean(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", " ").strip();
        return printable.length() <= 300 ? printable : printable.substring(0, 300) + "…";
    }
}
