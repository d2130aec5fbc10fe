package dev.panthera.support.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A deployed {@code PantheraAgents} contract (tools/chain/contracts): an OpenZeppelin 5 ERC-721 with
 * per-token URIs whose deployer may mint. Every write waits for its receipt and throws when the
 * transaction failed.
 */
public final class Erc721 {

    private final HardhatNode node;
    private final String address;
    private final long deployBlock;

    Erc721(HardhatNode node, String address, long deployBlock) {
        this.node = node;
        this.address = Keys.toChecksumAddress(address);
        this.deployBlock = deployBlock;
    }

    /** The contract address, EIP-55 checksummed. */
    public String address() {
        return address;
    }

    /** The block the contract was created in (a collection's start-block). */
    public long deployBlock() {
        return deployBlock;
    }

    /** {@code mint(to, tokenId, uri)}; {@code owner} must be the deployer. */
    public TransactionReceipt mint(Credentials owner, String to, BigInteger tokenId, String uri) {
        return node.transact(
                owner,
                address,
                FunctionEncoder.encode(new Function(
                        "mint", List.of(new Address(to), new Uint256(tokenId), new Utf8String(uri)), List.of())),
                "mint " + tokenId);
    }

    /** {@code safeTransferFrom(from, to, tokenId)} sent by {@code from}, the current owner. */
    public TransactionReceipt transfer(Credentials from, String to, BigInteger tokenId) {
        return node.transact(
                from,
                address,
                FunctionEncoder.encode(new Function(
                        "safeTransferFrom",
                        List.of(new Address(from.getAddress()), new Address(to), new Uint256(tokenId)),
                        List.of())),
                "transfer " + tokenId);
    }

    /** {@code ownerOf(tokenId)} at latest, EIP-55; throws when the call reverts. */
    public String ownerOf(BigInteger tokenId) {
        Function function =
                new Function("ownerOf", List.of(new Uint256(tokenId)), List.of(new TypeReference<Address>() {}));
        List<Type> values = FunctionReturnDecoder.decode(call(function), function.getOutputParameters());
        return Keys.toChecksumAddress(((Address) values.get(0)).getValue());
    }

    /** {@code tokenURI(tokenId)} at latest; throws when the call reverts. */
    public String tokenUri(BigInteger tokenId) {
        Function function =
                new Function("tokenURI", List.of(new Uint256(tokenId)), List.of(new TypeReference<Utf8String>() {}));
        List<Type> values = FunctionReturnDecoder.decode(call(function), function.getOutputParameters());
        return ((Utf8String) values.get(0)).getValue();
    }

    private String call(Function function) {
        try {
            EthCall answer = node.web3j()
                    .ethCall(
                            Transaction.createEthCallTransaction(null, address, FunctionEncoder.encode(function)),
                            DefaultBlockParameterName.LATEST)
                    .send();
            if (answer.hasError()) {
                throw new IllegalStateException(
                        function.getName() + " failed: " + answer.getError().getMessage());
            }
            return answer.getValue();
        } catch (IOException e) {
            throw new IllegalStateException(function.getName() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PantheraAgents@" + address;
    }
}
