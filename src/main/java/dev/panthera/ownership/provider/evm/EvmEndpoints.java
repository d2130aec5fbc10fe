package dev.panthera.ownership.provider.evm;

import dev.panthera.ownership.provider.ProviderHttp;
import dev.panthera.ownership.spi.OracleUnavailableException;
import dev.panthera.shared.PantheraProperties.Collection;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.utils.Numeric;

/**
 * Opens a collection's {@link EvmEndpoint} only after its settings are checked ({@code rpc-url},
 * {@code contract}) and the endpoint's {@code eth_chainId} matches the configured {@code chain-id},
 * so that nothing an endpoint of the wrong chain answers is ever trusted. A match is remembered, so
 * the chain id is asked once per collection, rpc-url and chain id.
 */
final class EvmEndpoints implements AutoCloseable {

    private final EvmRpcClients clients;
    /** collection id + rpc-url + chain id combinations whose eth_chainId matched. */
    private final Set<String> verifiedChains = ConcurrentHashMap.newKeySet();

    EvmEndpoints(Duration rpcTimeout) {
        this.clients = new EvmRpcClients(rpcTimeout);
    }

    /** The collection's endpoint, or {@link OracleUnavailableException} naming what is wrong. */
    EvmEndpoint open(Collection collection) {
        String problem = ProviderHttp.check(collection.rpcUrl());
        if (problem != null) {
            throw new OracleUnavailableException("collection '" + collection.id() + "': " + problem);
        }
        String contract =
                collection.contract() == null ? "" : collection.contract().trim();
        if (!contract.matches("0x[0-9a-fA-F]{40}")) {
            throw new OracleUnavailableException(
                    "collection '" + collection.id() + "': contract must be a 0x-prefixed 20-byte address");
        }
        EvmEndpoint endpoint = new EvmEndpoint(
                collection,
                clients.client(collection.rpcUrl().trim()),
                EvmRpcClients.describe(collection.rpcUrl()),
                contract);
        verifyChainId(endpoint);
        return endpoint;
    }

    private void verifyChainId(EvmEndpoint endpoint) {
        Collection collection = endpoint.collection();
        String configured = collection.chainId();
        if (configured == null || configured.isBlank()) {
            return;
        }
        String key = collection.id() + '\n' + collection.rpcUrl() + '\n' + configured;
        if (verifiedChains.contains(key)) {
            return;
        }
        BigInteger expected = parseChainId(collection.id(), configured.trim());
        BigInteger actual = endpoint.run("eth_chainId", () -> {
            EthChainId answer = endpoint.send(endpoint.web3j().ethChainId());
            endpoint.requireOk("eth_chainId", answer);
            return Numeric.decodeQuantity(answer.getResult());
        });
        if (!expected.equals(actual)) {
            throw new OracleUnavailableException("chain id of " + endpoint.description() + " is " + actual
                    + ", but collection '" + collection.id() + "' is configured with chain id " + expected);
        }
        verifiedChains.add(key);
    }

    private static BigInteger parseChainId(String collection, String chainId) {
        try {
            String lower = chainId.toLowerCase(Locale.ROOT);
            BigInteger id = lower.startsWith("0x") ? new BigInteger(lower.substring(2), 16) : new BigInteger(lower);
            if (id.signum() <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new OracleUnavailableException(
                    "collection '" + collection + "': chain id must be a positive number for an evm collection");
        }
    }

    @Override
    public void close() {
        clients.close();
    }
}
