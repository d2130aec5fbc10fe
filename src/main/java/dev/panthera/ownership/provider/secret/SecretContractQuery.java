package dev.panthera.ownership.provider.secret;

import dev.panthera.ownership.provider.ProviderHttp;
import dev.panthera.ownership.provider.ProviderHttp.Deadline;
import dev.panthera.ownership.spi.OracleUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One round trip of a SNIP-721 query: encrypt it for the enclave, send it through the LCD within
 * one deadline (tx-key and query together), and decrypt the contract's JSON answer, so the oracle
 * deals only in plain JSON queries and answers. Failures are {@link SecretQueryFailures}'.
 */
final class SecretContractQuery {

    private final Duration timeout;
    private final SecretLcd lcd;
    private final JsonMapper json;
    private final SecretOwnershipOracle.Entropy entropy;
    private final SecretQueryFailures failures;

    SecretContractQuery(
            Duration timeout,
            SecretLcd lcd,
            JsonMapper json,
            SecretOwnershipOracle.Entropy entropy,
            SecretQueryFailures failures) {
        this.timeout = timeout;
        this.lcd = lcd;
        this.json = json;
        this.entropy = entropy;
        this.failures = failures;
    }

    /** The contract's answer (a JSON object) and the block height the LCD reported for it. */
    record Reply(JsonNode answer, long blockHeight) {}

    /** Encrypts the query, sends it, and decrypts the answer or the contract's error. */
    Reply ask(SecretTarget target, String tokenId, ObjectNode query) {
        Deadline deadline = Deadline.after(timeout, "Secret LCD");
        String endpoint = ProviderHttp.describe(target.lcd());
        byte[] consensusIoKey = lcd.txKey(target.lcd(), deadline);
        SecretQueryCrypto.EncryptedQuery encrypted = SecretQueryCrypto.encrypt(
                entropy.next32(), entropy.next32(), consensusIoKey, target.codeHash(), json.writeValueAsString(query));
        SecretLcd.Answer answer = lcd.query(target.lcd(), target.contract(), encrypted.bytes(), deadline);

        JsonNode body;
        try {
            body = json.readTree(answer.body());
        } catch (JacksonException e) {
            body = null;
        }
        if (answer.status() / 100 != 2) {
            throw failures.failure(target, tokenId, answer, body, encrypted.txEncryptionKey(), endpoint);
        }
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isString() || data.stringValue().isEmpty()) {
            throw new OracleUnavailableException("Secret LCD " + endpoint + " answered the query without base64 data");
        }
        byte[] plaintext;
        try {
            plaintext = SecretQueryCrypto.open(
                    encrypted.txEncryptionKey(), Base64.getDecoder().decode(data.stringValue()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new OracleUnavailableException(
                    "Secret LCD " + endpoint + " answered with data that does not decrypt under this query's key");
        }
        JsonNode result;
        try {
            byte[] resultJson = Base64.getDecoder().decode(new String(plaintext, StandardCharsets.UTF_8).strip());
            result = json.readTree(resultJson);
        } catch (IllegalArgumentException | JacksonException e) {
            throw new OracleUnavailableException(
                    "Secret contract " + target.contract() + " answered with something that is not base64 JSON");
        }
        if (result == null || !result.isObject()) {
            throw new OracleUnavailableException(
                    "Secret contract " + target.contract() + " answered with something that is not a JSON object");
        }
        return new Reply(result, answer.blockHeight());
    }
}
