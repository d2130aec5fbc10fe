package dev.panthera.deploy.provider.kubernetes;

import dev.panthera.deploy.spi.ProviderException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Turns fabric8 failures into {@link ProviderException}s: 5xx, 409, 429, 408 and network trouble
 * are worth retrying; other 4xx (403 forbidden by RBAC, 422 invalid) are not. The message names the
 * object and the API's own reason — never the request body, which may hold the agent's config.
 */
final class KubernetesErrors {

    private static final int MAX_REASON = 300;

    private KubernetesErrors() {}

    static <T> T call(String action, String object, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw translate(action, object, e);
        }
    }

    static ProviderException translate(String action, String object, KubernetesClientException e) {
        int code = e.getCode();
        // No HTTP answer at all (fabric8 reports -1 or 0): the request never got through.
        if (code <= 0) {
            boolean network = hasNetworkCause(e);
            String what = network ? "could not reach the Kubernetes API" : "client error";
            return new ProviderException("kubernetes: " + action + " " + object + " failed: " + what, network, e);
        }
        boolean retryable = code >= 500 || code == 409 || code == 429 || code == 408;
        return new ProviderException(
                "kubernetes: " + action + " " + object + " failed with HTTP " + code + reason(e), retryable, e);
    }

    private static String reason(KubernetesClientException e) {
        var status = e.getStatus();
        if (status == null) {
            return "";
        }
        String reason = status.getReason() == null ? "" : " " + status.getReason();
        String message = status.getMessage() == null ? "" : ": " + status.getMessage();
        String text = reason + message;
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }

    private static boolean hasNetworkCause(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
