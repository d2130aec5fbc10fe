package dev.panthera.ownership.provider.evm;

import dev.panthera.ownership.provider.evm.Erc721Abi.MalformedAnswerException;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.ownership.spi.TokenNotFoundException;
import dev.panthera.shared.PantheraProperties.Collection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.utils.Numeric;

/**
 * One collection's endpoint for the duration of one oracle call. It knows the collection, so every
 * failure it reports names the collection and the endpoint (scheme, host and port only), and
 * {@link #run} is the one place where transport and decoding failures become
 * {@link OracleUnavailableException}s.
 *
 * @param description the rpc-url as it may be shown (see {@link EvmRpcClients#describe})
 * @param contract the checked 0x-prefixed contract address
 */
record EvmEndpoint(Collection collection, Web3j web3j, String description, String contract) {

    /** RPC work that may fail with an I/O error. */
    @FunctionalInterface
    interface RpcWork<T> {
        T run() throws IOException;
    }

    /** Runs RPC work, turning every transport or decoding failure into OracleUnavailableException. */
    <T> T run(String what, RpcWork<T> work) {
        try {
            return work.run();
        } catch (TokenNotFoundException | OracleUnavailableException e) {
            throw e;
        } catch (InterruptedIOException e) {
            throw unavailable(what, e.getMessage() == null ? "timed out" : "timed out (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw unavailable(what, e.getClass().getSimpleName() + ": " + Erc721Abi.abbreviate(e.getMessage()), e);
        } catch (MalformedAnswerException e) {
            throw unavailable(what, "malformed answer: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // web3j's ClientConnectionException (HTTP status), MessageDecodingException, Jackson, ...
            throw unavailable(what, e.getClass().getSimpleName() + ": " + Erc721Abi.abbreviate(e.getMessage()), e);
        }
    }

    <R extends Response<?>> R send(Request<?, R> request) throws IOException {
        R response = request.send();
        if (response == null) {
            throw new MalformedAnswerException("no answer to " + request.getMethod());
        }
        return response;
    }

    void requireOk(String method, Response<?> response) {
        if (response.hasError()) {
            throw rpcError(method, response.getError());
        }
        if (response.getResult() == null) {
            throw new MalformedAnswerException(method + " answered without a result");
        }
    }

    long blockNumber() throws IOException {
        EthBlockNumber answer = send(web3j.ethBlockNumber());
        requireOk("eth_blockNumber", answer);
        return Numeric.decodeQuantity(answer.getResult()).longValueExact();
    }

    /** eth_call to the contract at latest; a revert means the token does not exist. */
    String call(String data, String tokenId) throws IOException {
        EthCall answer = send(web3j.ethCall(
                Transaction.createEthCallTransaction(null, contract, data), DefaultBlockParameterName.LATEST));
        if (answer.hasError()) {
            if (isRevert(answer.getError())) {
                throw notFound(tokenId, "the contract reverted: " + errorText(answer.getError()));
            }
            throw rpcError("eth_call", answer.getError());
        }
        if (answer.isReverted()) {
            throw notFound(tokenId, "the contract reverted");
        }
        return answer.getValue();
    }

    TokenNotFoundException notFound(String tokenId, String why) {
        return new TokenNotFoundException(
                "token " + tokenId + " of collection '" + collection.id() + "' does not exist (" + why + ")");
    }

    OracleUnavailableException rpcError(String method, Response.Error error) {
        return unavailable(method, "JSON-RPC error " + errorText(error), null);
    }

    OracleUnavailableException unavailable(String what, String reason, Throwable cause) {
        return new OracleUnavailableException(
                "evm endpoint " + description + " of collection '" + collection.id() + "' failed (" + what + "): "
                        + reason,
                cause);
    }

    static String errorText(Response.Error error) {
        return error == null ? "no error" : error.getCode() + " " + Erc721Abi.abbreviate(error.getMessage());
    }

    /** A JSON-RPC error that means the call reverted (as opposed to a node or transport problem). */
    static boolean isRevert(Response.Error error) {
        if (error == null) {
            return false;
        }
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        return error.getCode() == 3 || message.contains("revert");
    }
}
