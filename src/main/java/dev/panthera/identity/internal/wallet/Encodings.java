package dev.panthera.identity.internal.wallet;

import dev.panthera.shared.PantheraException;
import fr.acinq.bitcoin.Base58;
import java.util.Base64;
import java.util.HexFormat;

/** Strict decoders for the wire encodings of signatures and keys; bad input is VALIDATION_FAILED. */
final class Encodings {

    private static final String BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final HexFormat HEX = HexFormat.of();

    private Encodings() {}

    static String required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw PantheraException.validation(field + " is required");
        }
        return value;
    }

    /** Hex with an optional {@code 0x} prefix, decoding to exactly {@code length} bytes. */
    static byte[] hex(String field, String value, int length) {
        required(field, value);
        String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
        if (digits.length() != 2 * length) {
            throw PantheraException.validation(field + " must be " + length + " bytes of hex");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0 || digits.charAt(i) > 'f') {
                throw PantheraException.validation(field + " is not valid hex");
            }
        }
        return HEX.parseHex(digits);
    }

    /** Standard base64 (RFC 4648 §4, padding optional), decoding to exactly {@code length} bytes. */
    static byte[] base64(String field, String value, int length) {
        required(field, value);
        if (value.length() > 4 * ((length + 2) / 3)) {
            throw PantheraException.validation(field + " must be " + length + " bytes of base64");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw PantheraException.validation(field + " is not valid base64");
        }
        if (bytes.length != length) {
            throw PantheraException.validation(
                    field + " must be " + length + " bytes of base64, got " + bytes.length + " bytes");
        }
        return bytes;
    }

    /** True when every character is in the Bitcoin base58 alphabet (and the string is not empty). */
    static boolean isBase58(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (BASE58_ALPHABET.indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Base58 (Bitcoin alphabet), decoding to exactly {@code length} bytes. */
    static byte[] base58(String field, String value, int length) {
        required(field, value);
        if (!isBase58(value)) {
            throw PantheraException.validation(field + " is not valid base58");
        }
        // base58 needs at most ceil(length * log(256) / log(58)) characters; reject longer input unread
        if (value.length() > (length * 138 + 99) / 100 + 1) {
            throw PantheraException.validation(field + " must be " + length + " bytes of base58");
        }
        byte[] bytes;
        try {
            bytes = Base58.decode(value);
        } catch (RuntimeException e) {
            throw PantheraException.validation(field + " is not valid base58");
        }
        if (bytes.length != length) {
            throw PantheraException.validation(
                    field + " must be " + length + " bytes of base58, got " + bytes.length + " bytes");
        }
        return bytes;
    }
}
