package dev.panthera.deploy.spi;

import java.util.Map;
import java.util.UUID;

/**
 * What to run: the agent of {@code collection}/{@code tokenId} for {@code ownerAddress}, from
 * {@code image} (the metadata's deployment.image; may be null for local), with {@code resources}.
 * {@code config} is the agent's configuration as JSON (secrets excluded); {@code env} plain
 * settings. Providers name their objects after {@link #slug()} so a re-apply finds them.
 */
public record DeploymentSpec(
        UUID deploymentId,
        String collection,
        String tokenId,
        String ownerAddress,
        String agentName,
        String image,
        Resources resources,
        String config,
        Map<String, String> env) {

    public DeploymentSpec {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** A DNS-1123 name unique to this deployment: {@code panthera-agent-<first 12 hex of the id>}. */
    public String slug() {
        return "panthera-agent-" + deploymentId.toString().replace("-", "").substring(0, 12);
    }
}
