package dev.panthera.ownership.provider.evm;

import dev.panthera.ownership.provider.ProviderHttp;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * One web3j client per rpc-url, all sharing one OkHttp client whose connect, read, write and
 * whole-call timeouts are the configured rpc timeout, so no JSON-RPC call can hang.
 */
final class EvmRpcClients implements AutoCloseable {

    private final OkHttpClient http;
    private final Map<String, Web3j> clients = new ConcurrentHashMap<>();

    EvmRpcClients(Duration timeout) {
        Duration bound = timeout == null || timeout.isZero() || timeout.isNegative() ? Duration.ofSeconds(10) : timeout;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(bound)
                .readTimeout(bound)
                .writeTimeout(bound)
                .callTimeout(bound)
                .build();
    }

    /** The client for this endpoint; {@code rpcUrl} must be an http(s) URL (see {@link ProviderHttp#check}). */
    Web3j client(String rpcUrl) {
        return clients.computeIfAbsent(rpcUrl, url -> Web3j.build(new HttpService(url, http)));
    }

    /**
     * The endpoint as it may be shown in messages and logs: scheme, host and port only. Hosted
     * RPC providers put API keys in the path, query or user info, so those are never shown.
     */
    static String describe(String rpcUrl) {
        try {
            URI uri = URI.create(rpcUrl.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "<invalid rpc-url>";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        } catch (RuntimeException e) {
            return "<invalid rpc-url>";
        }
    }

    @Override
    public void close() {
        clients.clear();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
