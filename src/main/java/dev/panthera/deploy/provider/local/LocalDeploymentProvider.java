package dev.panthera.deploy.provider.local;

import dev.panthera.deploy.provider.local.LocalAgents.LocalAgent;
import dev.panthera.deploy.spi.DeploymentProvider;
import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.HealthReport;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderStatus;
import dev.panthera.ownership.NftId;
import dev.panthera.shared.PantheraProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code local}: the agent runs inside Panthera on its chat path, answering at {@code
 * {public-url}/v1/runtime/{slug}}. Ready as soon as it is registered; its health comes from its own
 * counters. No infrastructure, so it deploys in milliseconds.
 */
@Component
class LocalDeploymentProvider implements DeploymentProvider {

    static final String NAME = "local";

    private final LocalAgents agents;
    private final String baseUrl;
    private final Clock clock;

    LocalDeploymentProvider(LocalAgents agents, PantheraProperties properties, Clock clock) {
        this.agents = agents;
        String url = properties.publicUrl().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderDeployment deploy(DeploymentSpec spec) {
        LocalAgent agent = agents.start(new LocalAgent(
                spec.slug(),
                spec.deploymentId(),
                new NftId(spec.collection(), spec.tokenId()),
                spec.ownerAddress(),
                spec.resources().memoryBytes(),
                clock.instant()));
        return new ProviderDeployment(agent.slug(), endpoint(agent.slug()), Map.of("runtime", "in-process"));
    }

    @Override
    public ProviderStatus status(ProviderDeployment deployment) {
        return agents.find(deployment.providerId())
                .map(a -> new ProviderStatus(ProviderStatus.Phase.READY, endpoint(a.slug()), null))
                .orElseGet(() -> new ProviderStatus(
                        ProviderStatus.Phase.GONE,
                        null,
                        "No local agent " + deployment.providerId() + " is registered"));
    }

    /** A good check also renews the agent's record: only agents nobody checks expire. */
    @Override
    public HealthReport health(ProviderDeployment deployment) {
        return agents.refresh(deployment.providerId())
                .map(a -> new HealthReport(true, Duration.ZERO, null, null, null))
                .orElseGet(() -> new HealthReport(false, Duration.ZERO, null, null, "the local agent is not running"));
    }

    @Override
    public void stop(ProviderDeployment deployment) {
        agents.stop(deployment.providerId());
    }

    String endpoint(String slug) {
        return baseUrl + "/v1/runtime/" + slug;
    }
}
