package dev.panthera.ownership.provider.solana;

import dev.panthera.ownership.provider.ProviderHttp;
import dev.panthera.ownership.provider.ProviderHttp.Deadline;
import dev.panthera.ownership.spi.ChainOwner;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.OwnershipOracle;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.ownership.spi.TransferPage;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.PantheraProperties.Collection;
import fr.acinq.bitcoin.Base58;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * NFT ownership on Solana over JSON-RPC. A token id is the NFT's mint address (base58, 32 bytes).
 *
 * <p>{@link #ownerOf}: {@code getTokenLargestAccounts(mint)} gives the token account holding the
 * one token (amount "1", decimals 0); {@code getAccountInfo(account, jsonParsed)} gives its owner,
 * the wallet, and the slot of that answer is the block height. A mint nobody holds (burned) or that
 * is not a token mint is {@link TokenNotFoundException}. When the token moves between the two
 * calls the read is repeated once.
 *
 * <p>{@link #tokenUri}: the Metaplex Token Metadata account (the program derived address of
 * ["metadata", metadata program id, mint]) read with {@code getAccountInfo(pda, base64)}, its uri
 * field with the NUL padding stripped.
 *
 * <p>When the collection's {@code contract} is set it is the mint of a Metaplex collection, and
 * only mints whose metadata names it as their <em>verified</em> collection are tokens of that
 * collection; any other mint is {@link TokenNotFoundException} (otherwise any NFT's mint would
 * pass as a token id). Solana has no transfer log to follow: {@link #transfersAfter} is
 * unsupported and Panthera polls.
 *
 * <p>All calls use commitment {@code finalized}; one operation (all its calls together) never takes
 * longer than {@code panthera.ownership.rpc-timeout}.
 */
@Component
class SolanaOwnershipOracle implements OwnershipOracle {

    static final String TOKEN_PROGRAM = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
    static final String TOKEN_2022_PROGRAM = "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb";
    static final String METADATA_PROGRAM = "metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s";

    private static final Set<String> TOKEN_PROGRAMS = Set.of(TOKEN_PROGRAM, TOKEN_2022_PROGRAM);
    private static final byte[] METADATA_PROGRAM_ID =
            ProgramAddress.decode(METADATA_PROGRAM).orElseThrow();
    private static final byte[] METADATA_SEED = "metadata".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, String> FINALIZED = Map.of("commitment", "finalized");
    /** The JSON-RPC -32602 messages that mean "this is not a mint", from the agave RPC server. */
    private static final List<String> NOT_A_MINT =
            List.of("not a Token mint", "could not find mint", "mint could not be unpacked");

    private final Duration timeout;
    private final SolanaRpc rpc;

    SolanaOwnershipOracle(PantheraProperties properties) {
        Duration configured = properties.ownership().rpcTimeout();
        this.timeout = configured == null || configured.isZero() || configured.isNegative()
                ? Duration.ofSeconds(10)
                : configured;
        this.rpc = new SolanaRpc(timeout, JsonMapper.builder().build());
    }

    @Override
    public String chain() {
        return "solana";
    }

    @Override
    public ChainOwner ownerOf(Collection collection, String tokenId) {
        byte[] mint = mint(tokenId);
        String url = endpoint(collection);
        Deadline deadline = Deadline.after(timeout, "Solana RPC");
        if (collectionMint(collection).isPresent()) {
            requireMember(collection, tokenId, metadata(url, deadline, mint));
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<ChainOwner> owner = readOwner(url, deadline, tokenId);
            if (owner.isPresent()) {
                return owner.get();
            }
        }
        throw new OracleUnavailableException("Mint " + tokenId + " changed hands while it was read on "
                + ProviderHttp.describe(url) + "; ask again");
    }

    @Override
    public Optional<String> tokenUri(Collection collection, String tokenId) {
        byte[] mint = mint(tokenId);
        String url = endpoint(collection);
        Optional<MetaplexMetadata> metadata = metadata(url, Deadline.after(timeout, "Solana RPC"), mint);
        requireMember(collection, tokenId, metadata);
        return metadata.map(MetaplexMetadata::uri).filter(uri -> !uri.isBlank());
    }

    @Override
    public TransferPage transfersAfter(Collection collection, long afterBlock) {
        return TransferPage.unsupported();
    }

    /** The holder, or empty when the largest account no longer holds the token (it just moved). */
    private Optional<ChainOwner> readOwner(String url, Deadline deadline, String mint) {
        JsonNode largest = call(url, deadline, "getTokenLargestAccounts", mint, FINALIZED);
        JsonNode accounts = largest.path("value");
        if (!accounts.isArray()) {
            throw malformed(url, "getTokenLargestAccounts", "no value array");
        }
        String holding = null;
        for (JsonNode account : accounts) {
            String amount = text(account.get("amount"));
            if (amount == null) {
                throw malformed(url, "getTokenLargestAccounts", "an account without an amount");
            }
            if (!amount.equals("0") && !amount.equals("1")) {
                throw new TokenNotFoundException("Mint " + mint + " is not an NFT (an account holds " + amount + ")");
            }
            if (amount.equals("1") && holding == null) {
                if (account.path("decimals").asLong(-1) != 0) {
                    throw new TokenNotFoundException("Mint " + mint + " is not an NFT (its token has decimals)");
                }
                holding = text(account.get("address"));
                if (holding == null || ProgramAddress.decode(holding).isEmpty()) {
                    throw malformed(url, "getTokenLargestAccounts", "an account address that is not base58");
                }
            }
        }
        if (holding == null) {
            throw new TokenNotFoundException("No account holds mint " + mint + " (burned or never minted)");
        }

        JsonNode info = call(
                url, deadline, "getAccountInfo", holding, Map.of("encoding", "jsonParsed", "commitment", "finalized"));
        JsonNode value = info.path("value");
        if (value.isNull() || value.isMissingNode()) {
            return Optional.empty(); // closed since: the token moved
        }
        if (!TOKEN_PROGRAMS.contains(text(value.get("owner")))) {
            throw malformed(url, "getAccountInfo", "the holding account is not owned by a token program");
        }
        JsonNode parsed = value.path("data").path("parsed");
        JsonNode accountInfo = parsed.path("info");
        if (!"account".equals(text(parsed.get("type"))) || !accountInfo.isObject()) {
            throw malformed(url, "getAccountInfo", "no parsed token account");
        }
        if (!mint.equals(text(accountInfo.get("mint")))) {
            throw malformed(url, "getAccountInfo", "the holding account is for another mint");
        }
        if (!"1".equals(text(accountInfo.path("tokenAmount").get("amount")))) {
            return Optional.empty(); // emptied since: the token moved
        }
        String owner = text(accountInfo.get("owner"));
        if (owner == null || ProgramAddress.decode(owner).isEmpty()) {
            throw malformed(url, "getAccountInfo", "an owner that is not a base58 address");
        }
        JsonNode slot = info.path("context").path("slot");
        if (!slot.canConvertToLong()) {
            throw malformed(url, "getAccountInfo", "no context slot");
        }
        return Optional.of(new ChainOwner(owner, slot.asLong()));
    }

    /** The mint's Metaplex metadata, empty when it has no metadata account. */
    private Optional<MetaplexMetadata> metadata(String url, Deadline deadline, byte[] mint) {
        String pda = metadataAddress(mint);
        JsonNode info =
                call(url, deadline, "getAccountInfo", pda, Map.of("encoding", "base64", "commitment", "finalized"));
        JsonNode value = info.path("value");
        if (value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        if (!METADATA_PROGRAM.equals(text(value.get("owner")))) {
            throw malformed(url, "getAccountInfo", "the metadata address is not owned by the Token Metadata program");
        }
        JsonNode data = value.path("data");
        if (!data.isArray() || data.size() != 2 || !"base64".equals(text(data.get(1))) || text(data.get(0)) == null) {
            throw malformed(url, "getAccountInfo", "account data that is not [base64, \"base64\"]");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text(data.get(0)));
        } catch (IllegalArgumentException e) {
            throw malformed(url, "getAccountInfo", "account data that is not base64");
        }
        MetaplexMetadata metadata;
        try {
            metadata = MetaplexMetadata.parse(bytes);
        } catch (MetaplexMetadata.MalformedMetadata e) {
            throw malformed(url, "getAccountInfo", "a metadata account that does not parse (" + e.getMessage() + ")");
        }
        if (!metadata.mint().equals(Base58.encode(mint))) {
            throw malformed(url, "getAccountInfo", "a metadata account of another mint");
        }
        return Optional.of(metadata);
    }

    /** The metadata PDA of a mint: seeds ["metadata", metadata program id, mint]. */
    static String metadataAddress(byte[] mint) {
        return ProgramAddress.find(List.of(METADATA_SEED, METADATA_PROGRAM_ID, mint), METADATA_PROGRAM_ID)
                .base58();
    }

    /** The collection's Metaplex collection mint (its {@code contract}), empty when none is set. */
    private static Optional<String> collectionMint(Collection collection) {
        return Optional.ofNullable(collection.contract()).map(String::trim).filter(c -> !c.isEmpty());
    }

    private static void requireMember(Collection collection, String mint, Optional<MetaplexMetadata> metadata) {
        Optional<String> collectionMint = collectionMint(collection);
        if (collectionMint.isEmpty()) {
            return;
        }
        boolean member = metadata.flatMap(MetaplexMetadata::collection)
                .filter(MetaplexMetadata.Collection::verified)
                .filter(c -> c.key().equals(collectionMint.get()))
                .isPresent();
        if (!member) {
            throw new TokenNotFoundException(
                    "Mint " + mint + " is not a verified member of collection " + collectionMint.get());
        }
    }

    private JsonNode call(String url, Deadline deadline, String method, Object... params) {
        try {
            return rpc.call(url, deadline, method, params);
        } catch (SolanaRpc.RpcError e) {
            if (e.code() == -32602 && NOT_A_MINT.stream().anyMatch(e.rpcMessage()::contains)) {
                throw new TokenNotFoundException(params[0] + " is not a token mint (" + e.rpcMessage() + ")");
            }
            throw new OracleUnavailableException(e.getMessage());
        }
    }

    private static byte[] mint(String tokenId) {
        return ProgramAddress.decode(tokenId == null ? null : tokenId.trim())
                .orElseThrow(() ->
                        new TokenNotFoundException("A Solana token id is the NFT's mint address (base58 of 32 bytes)"));
    }

    private static String endpoint(Collection collection) {
        String problem = ProviderHttp.check(collection.rpcUrl());
        if (problem != null) {
            throw new OracleUnavailableException("Collection " + collection.id() + ": " + problem);
        }
        if (collectionMint(collection)
                .filter(c -> ProgramAddress.decode(c).isEmpty())
                .isPresent()) {
            throw new OracleUnavailableException("Collection " + collection.id()
                    + ": contract must be the collection's mint address (base58 of 32 bytes) or empty");
        }
        return collection.rpcUrl().trim();
    }

    private static OracleUnavailableException malformed(String url, String method, String what) {
        return new OracleUnavailableException(
                "Solana RPC " + ProviderHttp.describe(url) + " answered " + method + " with " + what);
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
