package dev.panthera.ownership.provider.secret;

import dev.panthera.ownership.provider.ProviderHttp;
import dev.panthera.ownership.provider.ProviderHttp.Deadline;
import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.OwnershipOracle;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.PantheraProperties.Collection;
import fr.acinq.bitcoin.Bech32;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kotlin.Triple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * NFT ownership on Secret Network: SNIP-721 queries to the collection's contract over the LCD REST
 * API ({@code rpc-url}), encrypted for the enclave (see {@link SecretQueryCrypto}), the owner asked
 * through a SNIP-24 query permit (see {@link QueryPermit}).
 *
 * <p>{@link #ownerOf}: {@code {"with_permit":{"permit":…,"query":{"owner_of":{"token_id":…,
 * "include_expired":false}}}}} → {@code {"owner_of":{"owner":"secret1…","approvals":[…]}}}; the
 * block height is the LCD's {@code Grpc-Metadata-X-Cosmos-Block-Height} header (0 without it).
 * {@link #tokenUri}: {@code {"nft_info":{"token_id":…}}} → {@code token_uri}, or, for a token whose
 * public metadata is an on-chain {@code extension} only, that extension as a
 * {@code data:application/json;base64,…} URI.
 *
 * <p>A contract error "Token ID: … not found" (SNIP-721 reference implementation, public supply) is
 * {@link TokenNotFoundException}. Every other contract error, including "You are not authorized to
 * perform this action on token …" (what a contract with private ownership or private supply answers
 * for a token that the permit's signer may not see, whether or not it exists), is
 * {@link OracleUnavailableException}, as are a wrong code hash (the enclave's "failed to validate
 * transaction"), LCD errors, timeouts and answers that do not decrypt.
 *
 * <p>Collection settings: {@code rpc-url} the LCD base URL, {@code contract} the contract's bech32
 * address, {@code code-hash} its code hash, {@code chain-id} (e.g. secret-4, signed into the
 * permit), {@code bech32-prefix} (default secret). The permit key is generated in memory at start;
 * see README.md in this package for what a production deployment needs instead.
 */
@Component
class SecretOwnershipOracle implements OwnershipOracle {

    private static final Logger log = LoggerFactory.getLogger(SecretOwnershipOracle.class);

    /** Where secretjs finds an encrypted contract error in an LCD error message (two node versions). */
    private static final Pattern ENCRYPTED_ERROR_BEFORE =
            Pattern.compile("encrypted: (.+?): (?:instantiate|execute|query|reply to|migrate) contract failed");

    private static final Pattern ENCRYPTED_ERROR_AFTER =
            Pattern.compile("(?:instantiate|execute|query|reply to|migrate) contract failed: encrypted: ([\\w+/=]+)");

    private static final Pattern STRICT_BASE64 =
            Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");
    private static final Pattern TOKEN_NOT_FOUND = Pattern.compile("^Token ID: .* not found$", Pattern.DOTALL);
    private static final Pattern HEX_HASH = Pattern.compile("^[0-9a-f]{64}$");

    /** 32 random bytes per call: an x25519 seed, then a nonce, for every query. */
    @FunctionalInterface
    interface Entropy {
        byte[] next32();
    }

    private final Duration timeout;
    private final SecretLcd lcd;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Entropy entropy;
    private final QueryPermit permit;

    @Autowired
    SecretOwnershipOracle(PantheraProperties properties) {
        this(properties, new SecureRandom());
        log.info(
                "Secret Network ownership queries are signed with query permit key {} (held in memory, new at"
                        + " every start): a SNIP-721 contract answers owner_of only for tokens this address may view",
                permit.address("secret"));
    }

    private SecretOwnershipOracle(PantheraProperties properties, SecureRandom random) {
        this(
                properties,
                () -> {
                    byte[] bytes = new byte[32];
                    random.nextBytes(bytes);
                    return bytes;
                },
                QueryPermit.generate(random));
    }

    SecretOwnershipOracle(PantheraProperties properties, Entropy entropy, QueryPermit permit) {
        Duration configured = properties.ownership().rpcTimeout();
        this.timeout = configured == null || configured.isZero() || configured.isNegative()
                ? Duration.ofSeconds(10)
                : configured;
        this.lcd = new SecretLcd(timeout, json);
        this.entropy = entropy;
        this.permit = permit;
    }

    @Override
    public String chain() {
        return "cosmos";
    }

    @Override
    public ChainOwner ownerOf(Collection collection, String tokenId) {
        Target target = target(collection);
        String id = tokenId(tokenId);
        ObjectNode query = json.createObjectNode();
        ObjectNode withPermit = query.putObject("with_permit");
        withPermit.set("permit", permit.permit(json, target.chainId(), target.contract()));
        ObjectNode ownerOf = withPermit.putObject("query").putObject("owner_of");
        ownerOf.put("token_id", id);
        ownerOf.put("include_expired", false);

        Reply reply = ask(target, id, query);
        JsonNode owner = reply.answer().path("owner_of").get("owner");
        if (owner == null || !owner.isString() || !isAddress(owner.stringValue(), target.prefix())) {
            throw new OracleUnavailableException("Secret contract " + target.contract()
                    + " answered owner_of without a " + target.prefix() + "1… owner address");
        }
        return new ChainOwner(owner.stringValue(), reply.blockHeight());
    }

    @Override
    public Optional<String> tokenUri(Collection collection, String tokenId) {
        Target target = target(collection);
        String id = tokenId(tokenId);
        ObjectNode query = json.createObjectNode();
        query.putObject("nft_info").put("token_id", id);

        JsonNode info = ask(target, id, query).answer().get("nft_info");
        if (info == null || !info.isObject()) {
            throw new OracleUnavailableException(
                    "Secret contract " + target.contract() + " answered nft_info without nft_info");
        }
        JsonNode uri = info.get("token_uri");
        if (uri != null && uri.isString() && !uri.stringValue().isBlank()) {
            return Optional.of(uri.stringValue().strip());
        }
        JsonNode extension = info.get("extension");
        if (extension != null && extension.isObject() && !extension.isEmpty()) {
            return Optional.of("data:application/json;base64,"
                    + Base64.getEncoder().encodeToString(json.writeValueAsBytes(extension)));
        }
        return Optional.empty();
    }

    @Override
    public TransferPage transfersAfter(Collection collection, long afterBlock) {
        return TransferPage.unsupported();
    }

    /** The permit signer's address, which a contract must let view owners (for logs and docs). */
    String permitAddress(String prefix) {
        return permit.address(prefix);
    }

    private record Target(String lcd, String contract, String codeHash, String chainId, String prefix) {}

    private record Reply(JsonNode answer, long blockHeight) {}

    /** Encrypts the query, sends it, and decrypts the answer or the contract's error. */
    private Reply ask(Target target, String tokenId, ObjectNode query) {
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
            throw failure(target, tokenId, answer, body, encrypted.txEncryptionKey(), endpoint);
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

    private RuntimeException failure(
            Target target, String tokenId, SecretLcd.Answer answer, JsonNode body, byte[] key, String endpoint) {
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

    private static Target target(Collection collection) {
        String problem = SecretLcd.check(collection.rpcUrl());
        if (problem != null) {
            throw new OracleUnavailableException("Collection " + collection.id() + ": " + problem);
        }
        String prefix =
                collection.bech32Prefix() == null || collection.bech32Prefix().isBlank()
                        ? "secret"
                        : collection.bech32Prefix().trim();
        String contract =
                collection.contract() == null ? "" : collection.contract().trim();
        if (!isAddress(contract, prefix)) {
            throw new OracleUnavailableException("Collection " + collection.id()
                    + ": contract must be the SNIP-721 contract's " + prefix + "1… address");
        }
        String codeHash = collection.codeHash() == null
                ? ""
                : collection.codeHash().trim().replaceFirst("^0x", "").toLowerCase(Locale.ROOT);
        if (!HEX_HASH.matcher(codeHash).matches()) {
            throw new OracleUnavailableException("Collection " + collection.id()
                    + ": code-hash must be the contract's code hash (64 hex characters)");
        }
        if (collection.chainId() == null || collection.chainId().isBlank()) {
            throw new OracleUnavailableException(
                    "Collection " + collection.id() + ": chain-id must be set (e.g. secret-4): the permit names it");
        }
        return new Target(
                collection.rpcUrl().trim(),
                contract,
                codeHash,
                collection.chainId().trim(),
                prefix);
    }

    private static String tokenId(String tokenId) {
        if (tokenId == null || tokenId.isBlank() || tokenId.length() > 256) {
            throw new TokenNotFoundException("A SNIP-721 token id is a non-empty string of at most 256 characters");
        }
        return tokenId;
    }

    static boolean isAddress(String address, String prefix) {
        try {
            Triple<String, byte[], Bech32.Encoding> decoded = Bech32.decodeBytes(address, false);
            return decoded.getFirst().equals(prefix)
                    && decoded.getThird() == Bech32.Encoding.Bech32
                    && (decoded.getSecond().length == 20 || decoded.getSecond().length == 32);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String clean(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", " ").strip();
        return printable.length() <= 300 ? printable : printable.substring(0, 300) + "…";
    }
}
