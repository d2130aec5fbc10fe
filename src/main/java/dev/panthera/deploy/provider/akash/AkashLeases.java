package dev.panthera.deploy.provider.akash;

import dev.panthera.deploy.spi.ProviderStatus;
import dev.panthera.deploy.spi.ProviderStatus.Phase;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Console deployment answer ({@code data} of GET /v1/deployments/{dseq} or POST /v1/leases):
 * the deployment and lease states, and the lease status the provider reports per service.
 */
final class AkashLeases {

    private AkashLeases() {}

    static ProviderStatus status(JsonNode data) {
        String state = data.path("deployment").path("state").asString("");
        if ("closed".equalsIgnoreCase(state)) {
            return new ProviderStatus(Phase.GONE, null, "the Akash deployment is closed");
        }
        JsonNode lease = activeLease(data);
        if (lease == null) {
            JsonNode any = data.path("leases").path(0);
            if (!any.isMissingNode()) {
                return new ProviderStatus(
                        Phase.FAILED, null, "lease " + any.path("state").asString("") + reason(any));
            }
            return new ProviderStatus(Phase.STARTING, null, "no lease yet");
        }
        JsonNode service = service(lease);
        String endpoint = serviceEndpoint(service);
        if (service == null || endpoint == null || service.path("available").asInt(0) < 1) {
            return new ProviderStatus(Phase.STARTING, endpoint, "lease active, service not available yet");
        }
        return new ProviderStatus(Phase.READY, endpoint, null);
    }

    /** http://{first URI of the agent's service}, or null until the provider reports one. */
    static String endpoint(JsonNode data) {
        JsonNode lease = activeLease(data);
        return lease == null ? null : serviceEndpoint(service(lease));
    }

    private static String serviceEndpoint(JsonNode service) {
        if (service == null) {
            return null;
        }
        String uri = service.path("uris").path(0).asString("");
        if (uri.isBlank()) {
            return null;
        }
        return uri.startsWith("http://") || uri.startsWith("https://") ? uri : "http://" + uri;
    }

    private static JsonNode activeLease(JsonNode data) {
        for (JsonNode lease : data.path("leases")) {
            if ("active".equalsIgnoreCase(lease.path("state").asString(""))) {
                return lease;
            }
        }
        return null;
    }

    private static JsonNode service(JsonNode lease) {
        JsonNode services = lease.path("status").path("services");
        JsonNode ours = services.path(AkashSdl.SERVICE);
        if (!ours.isMissingNode() && !ours.isNull()) {
            return ours;
        }
        for (JsonNode s : services) {
            return s;
        }
        return null;
    }

    private static String reason(JsonNode lease) {
        String reason = lease.path("reason").asString("");
        return reason.isBlank() ? "" : " (" + reason + ")";
    }
}
