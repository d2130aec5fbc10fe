package dev.panthera.ownership.provider.evm;

import dev.panthera.ownership.spi.ChainTransfer;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The slice of the ERC-721 ABI the oracle uses: {@code ownerOf}, {@code tokenURI} and the
 * {@code Transfer(address indexed from, address indexed to, uint256 indexed tokenId)} event.
 * Malformed answers throw {@link MalformedAnswerException}.
 */
final class Erc721Abi {

    static final Event TRANSFER_EVENT = new Event(
            "Transfer",
            List.of(
                    new TypeReference<Address>(true) {},
                    new TypeReference<Address>(true) {},
                    new TypeReference<Uint256>(true) {}));

    /** keccak256("Transfer(address,address,uint256)"), shared with ERC-20 (which has 3 topics, not 4). */
    static final String TRANSFER_TOPIC = EventEncoder.encode(TRANSFER_EVENT);

    private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private Erc721Abi() {}

    /** A decimal token id as a uint256; anything else is the caller's bug. */
    static BigInteger tokenId(String tokenId) {
        if (tokenId == null
                || tokenId.isEmpty()
                || tokenId.length() > 78
                || !tokenId.chars().allMatch(Erc721Abi::isDigit)) {
            throw new IllegalArgumentException("token id must be a decimal uint256, got: " + abbreviate(tokenId));
        }
        BigInteger id = new BigInteger(tokenId);
        if (id.compareTo(UINT256_MAX) > 0) {
            throw new IllegalArgumentException("token id is larger than uint256: " + abbreviate(tokenId));
        }
        return id;
    }

    static String encodeOwnerOf(BigInteger tokenId) {
        return FunctionEncoder.encode(ownerOf(tokenId));
    }

    static String encodeTokenUri(BigInteger tokenId) {
        return FunctionEncoder.encode(tokenUri(tokenId));
    }

    /** The EIP-55 owner from an {@code ownerOf} return value; empty for the zero address. */
    static Optional<String> decodeOwner(String returnData) {
        List<Type> values = decode(returnData, ownerOf(BigInteger.ZERO));
        String address = ((Address) values.get(0)).getValue();
        if (ZERO_ADDRESS.equalsIgnoreCase(address)) {
            return Optional.empty();
        }
        return Optional.of(Keys.toChecksumAddress(address));
    }

    /** The string a {@code tokenURI} call returned. */
    static String decodeTokenUri(String returnData) {
        List<Type> values = decode(returnData, tokenUri(BigInteger.ZERO));
        return ((Utf8String) values.get(0)).getValue();
    }

    /**
     * The transfer a log records, or empty when the log is not an ERC-721 Transfer of this
     * contract (another event, an ERC-20 Transfer with 3 topics, a removed or pending log).
     */
    static Optional<ChainTransfer> decodeTransfer(Log log, String contract) {
        List<String> topics = log.getTopics();
        if (log.isRemoved()
                || log.getBlockNumberRaw() == null
                || topics == null
                || topics.size() != 4
                || !TRANSFER_TOPIC.equalsIgnoreCase(topics.get(0))
                || (log.getAddress() != null && !log.getAddress().equalsIgnoreCase(contract))) {
            return Optional.empty();
        }
        try {
            String from = topicAddress(topics.get(1));
            String to = topicAddress(topics.get(2));
            BigInteger tokenId = topicUint(topics.get(3));
            long block = log.getBlockNumber().longValueExact();
            long logIndex = log.getLogIndexRaw() == null ? 0 : log.getLogIndex().longValueExact();
            return Optional.of(
                    new ChainTransfer(tokenId.toString(), from, to, block, log.getTransactionHash(), logIndex));
        } catch (MalformedAnswerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedAnswerException("malformed Transfer log: " + e.getMessage(), e);
        }
    }

    private static String topicAddress(String topic) {
        String hex = topicHex(topic);
        if (!hex.substring(0, 24).chars().allMatch(c -> c == '0')) {
            throw new MalformedAnswerException("Transfer topic is not an address: " + abbreviate(topic));
        }
        return Keys.toChecksumAddress("0x" + hex.substring(24));
    }

    private static BigInteger topicUint(String topic) {
        return new BigInteger(topicHex(topic), 16);
    }

    private static String topicHex(String topic) {
        String hex = topic == null ? "" : Numeric.cleanHexPrefix(topic);
        if (hex.length() != 64 || !hex.chars().allMatch(Erc721Abi::isHex)) {
            throw new MalformedAnswerException("log topic is not 32 bytes of hex: " + abbreviate(topic));
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static List<Type> decode(String returnData, Function function) {
        String hex = returnData == null ? "" : Numeric.cleanHexPrefix(returnData);
        if (hex.isEmpty()) {
            throw new MalformedAnswerException(
                    "empty answer to " + function.getName() + " (is there an ERC-721 contract at that address?)");
        }
        if (hex.length() % 64 != 0 || !hex.chars().allMatch(Erc721Abi::isHex)) {
            throw new MalformedAnswerException(
                    "answer to " + function.getName() + " is not ABI-encoded: " + abbreviate(returnData));
        }
        List<Type> values;
        try {
            values = FunctionReturnDecoder.decode(returnData, function.getOutputParameters());
        } catch (RuntimeException e) {
            throw new MalformedAnswerException(
                    "answer to " + function.getName() + " cannot be decoded: " + e.getMessage(), e);
        }
        if (values == null || values.size() != 1 || values.get(0) == null) {
            throw new MalformedAnswerException("answer to " + function.getName() + " cannot be decoded");
        }
        return values;
    }

    private static Function ownerOf(BigInteger tokenId) {
        return new Function("ownerOf", List.of(new Uint256(tokenId)), List.of(new TypeReference<Address>() {}));
    }

    private static Function tokenUri(BigInteger tokenId) {
        return new Function("tokenURI", List.of(new Uint256(tokenId)), List.of(new TypeReference<Utf8String>() {}));
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** The node answered, but not with what the ABI promises. */
    static final class MalformedAnswerException extends RuntimeException {
        MalformedAnswerException(String message) {
            super(message);
        }

        MalformedAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
