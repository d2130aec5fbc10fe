package dev.panthera.ownership.provider.secret;

import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.shared.PantheraProperties.Collection;
import fr.acinq.bitcoin.Bech32;
import java.util.Locale;
import java.util.regex.Pattern;
import kotlin.Triple;

/**
 * A collection's Secret Network settings, checked once per oracle call so that a misconfigured
 * collection fails with a message naming the setting before anything is sent to the LCD.
 *
 * @param lcd the LCD base URL ({@code rpc-url}, trimmed)
 * @param contract the SNIP-721 contract's bech32 address
 * @param codeHash the contract's code hash, 64 lowercase hex characters without 0x
 * @param chainId the chain id the permit is signed for
 * @param prefix the bech32 prefix of addresses on this chain
 */
record SecretTarget(String lcd, String contract, String codeHash, String chainId, String prefix) {

    private static final Pattern HEX_HASH = Pattern.compile("^[0-9a-f]{64}$");

    /** The collection's settings, or {@link OracleUnavailableException} naming what is wrong. */
    static SecretTarget of(Collection collection) {
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
        return new SecretTarget(
                collection.rpcUrl().trim(),
                contract,
                codeHash,
                collection.chainId().trim(),
                prefix);
    }

    /** Whether {@code address} is a bech32 account or contract address (20 or 32 bytes) with this prefix. */
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
}
