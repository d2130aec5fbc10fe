package dev.panthera.ownership.provider.secret;

import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.OwnershipOracle;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.PantheraProperties.Collection;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
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

    /** 32 random bytes per call: an x25519 seed, then a nonce, for every query. */
    @FunctionalInterface
    interface Entropy {
        byte[] next32();
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final QueryPermit permit;
    private final SecretContractQuery contract;

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
        Duration timeout = configured == null || configured.isZero() || configured.isNegative()
                ? Duration.ofSeconds(10)
                : configured;
        SecretLcd lcd = new SecretLcd(timeout, json);
        this.permit = permit;
        this.contract =
                new SecretContractQuery(timeout, lcd, json, entropy, new SecretQueryFailures(lcd, json, permit));
    }

    @Override
    public String chain() {
        return "cosmos";
    }

    @Override
    public ChainOwner ownerOf(Collection collection, String tokenId) {
        SecretTarget target = SecretTarget.of(collection);
        String id = tokenId(tokenId);
        ObjectNode query = json.createObjectNode();
        ObjectNode withPermit = query.putObject("with_permit");
        withPermit.set("permit", permit.permit(json, target.chainId(), target.contract()));
        ObjectNode ownerOf = withPermit.putObject("query").putObject("owner_of");
        ownerOf.put("token_id", id);
        ownerOf.put("include_expired", false);

        SecretContractQuery.Reply reply = contract.ask(target, id, query);
        JsonNode owner = reply.answer().path("owner_of").get("owner");
        if (owner == null || !owner.isString() || !SecretTarget.isAddress(owner.stringValue(), target.prefix())) {
            throw new OracleUnavailableException("Secret contract " + target.contract()
                    + " answered owner_of without a " + target.prefix() + "1… owner address");
        }
        return new ChainOwner(owner.stringValue(), reply.blockHeight());
    }

    @Override
    public Optional<String> tokenUri(Collection collection, String tokenId) {
        SecretTarget target = SecretTarget.of(collection);
        String id = tokenId(tokenId);
        ObjectNode query = json.createObjectNode();
        query.putObject("nft_info").put("token_id", id);

        JsonNode info = contract.ask(target, id, query).answer().get("nft_info");
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

    private static String tokenId(String tokenId) {
        if (tokenId == null || tokenId.isBlank() || tokenId.length() > 256) {
            throw new TokenNotFoundException("A SNIP-721 token id is a non-empty string of at most 256 characters");
        }
        return tokenId;
    }
}
