package dev.panthera.identity.internal.wallet;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import fr.acinq.bitcoin.Base58;
import fr.acinq.bitcoin.Bech32;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import kotlin.Triple;
import org.web3j.crypto.Keys;

/** Recognises wallet addresses by shape and brings them to their one canonical spelling. */
final class WalletAddresses {

    private static final Pattern EVM = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final String BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32_MAX_LENGTH = 90;

    private WalletAddresses() {}

    /** The family an address belongs to by its shape; VALIDATION_FAILED when it fits none. */
    static ChainFamily infer(String address, Set<String> bech32Prefixes) {
        Encodings.required("wallet_address", address);
        if (EVM.matcher(address).matches()) {
            return ChainFamily.EVM;
        }
        String hrp = bech32Prefix(address);
        if (hrp != null && bech32Prefixes.contains(hrp)) {
            return ChainFamily.COSMOS;
        }
        if (Encodings.isBase58(address) && address.length() <= 64) {
            int length = base58Length(address);
            if (length == 32) {
                return ChainFamily.SOLANA;
            }
            if (hrp == null) {
                throw PantheraException.validation(
                        "wallet_address: a Solana address must decode to 32 bytes, got " + length);
            }
        }
        if (hrp != null) {
            throw PantheraException.validation("wallet_address: bech32 prefix " + hrp + " is not configured (allowed: "
                    + String.join(", ", bech32Prefixes) + ")");
        }
        throw PantheraException.validation("wallet_address is not an EVM (0x + 40 hex), Cosmos (bech32 with prefix "
                + String.join(", ", bech32Prefixes) + ") or Solana (base58) address");
    }

    /** The canonical spelling for {@code family}; VALIDATION_FAILED when the address is not one. */
    static String canonical(ChainFamily family, String address, Set<String> bech32Prefixes) {
        Encodings.required("wallet_address", address);
        return switch (family) {
            case EVM -> evm(address);
            case COSMOS -> cosmos(address, bech32Prefixes);
            case SOLANA -> solana(address);
        };
    }

    private static String evm(String address) {
        if (!EVM.matcher(address).matches()) {
            throw PantheraException.validation("wallet_address: an EVM address is 0x followed by 40 hex digits");
        }
        String hex = address.substring(2);
        String checksummed = Keys.toChecksumAddress(hex);
        boolean mixedCase = !hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT));
        if (mixedCase && !checksummed.substring(2).equals(hex)) {
            throw PantheraException.validation("wallet_address: bad EIP-55 checksum");
        }
        return checksummed;
    }

    private static String cosmos(String address, Set<String> prefixes) {
        if (address.length() > BECH32_MAX_LENGTH || bech32Prefix(address) == null) {
            throw PantheraException.validation("wallet_address: not a bech32 address");
        }
        Triple<String, byte[], Bech32.Encoding> decoded;
        try {
            decoded = Bech32.decodeBytes(address, false);
        } catch (RuntimeException e) {
            throw PantheraException.validation(
                    address.chars().anyMatch(Character::isUpperCase)
                                    && address.chars().anyMatch(Character::isLowerCase)
                            ? "wallet_address: bech32 must not mix upper and lower case"
                            : "wallet_address: bad bech32 checksum");
        }
        if (decoded.getThird() != Bech32.Encoding.Bech32) {
            throw PantheraException.validation("wallet_address: bech32m is not a Cosmos account address");
        }
        String hrp = decoded.getFirst().toLowerCase(Locale.ROOT);
        if (!prefixes.contains(hrp)) {
            throw PantheraException.validation("wallet_address: bech32 prefix " + hrp + " is not configured (allowed: "
                    + String.join(", ", prefixes) + ")");
        }
        if (decoded.getSecond().length != 20) {
            throw PantheraException.validation("wallet_address: a Cosmos account address holds 20 bytes");
        }
        return address.toLowerCase(Locale.ROOT);
    }

    private static String solana(String address) {
        byte[] key = Encodings.base58("wallet_address", address, 32);
        return Base58.encode(key);
    }

    private static int base58Length(String address) {
        try {
            return Base58.decode(address).length;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The lowercase human-readable part when the string is shaped like bech32, else null. */
    private static String bech32Prefix(String address) {
        int separator = address.lastIndexOf('1');
        if (separator < 1 || address.length() - separator - 1 < 6 || address.length() > BECH32_MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < separator; i++) {
            char c = address.charAt(i);
            if (c < 33 || c > 126) {
                return null;
            }
        }
        String data = address.substring(separator + 1).toLowerCase(Locale.ROOT);
        for (int i = 0; i < data.length(); i++) {
            if (BECH32_CHARSET.indexOf(data.charAt(i)) < 0) {
                return null;
            }
        }
        return address.substring(0, separator).toLowerCase(Locale.ROOT);
    }
}
