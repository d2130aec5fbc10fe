package dev.panthera.deploy.provider.akash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.deploy.provider.replay.ReplayServer;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.ProviderStatus.Phase;
import dev.panthera.deploy.spi.Resources;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The provider against Akash Console exchanges recorded as fixtures (deploy/akash/*.json). */
@ExtendWith(OutputCaptureExtension.class)
class AkashDeploymentProviderTest {

    private static final String DSEQ = "21384512";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReplayServer console = new ReplayServer();
    private final AkashDeploymentProvider provider = new AkashDeploymentProvider(AkashFixtures.props(console.uri()));

    @AfterEach
    void close() {
        console.close();
    }

    @Test
    void deploysOnTheCheapestBidThenTurnsReadyAndStops(CapturedOutput output) {
        console.on("POST /v1/deployments", 201, "deploy/akash/create-deployment.json")
                .on("GET /v1/bids?dseq=" + DSEQ, 200, "deploy/akash/bids-none.json")
                .on("GET /v1/bids?dseq=" + DSEQ, 200, "deploy/akash/bids.json")
                .on("POST /v1/leases", 200, "deploy/akash/lease-created.json")
                .on("GET /v1/deployments/" + DSEQ, 200, "deploy/akash/deployment-starting.json")
                .on("GET /v1/deployments/" + DSEQ, 200, "deploy/akash/deployment-ready.json")
                .on("DELETE /v1/deployments/" + DSEQ, 200, "deploy/akash/close-deployment.json")
                .on("DELETE /v1/deployments/" + DSEQ, 404, "deploy/akash/error-404.json");

        ProviderDeployment deployed = provider.deploy(AkashFixtures.spec(null, new Resources(1, 2, 0, 2)));

        assertThat(deployed.providerId()).isEqualTo(DSEQ);
        assertThat(deployed.endpointUrl()).isNull();
        assertThat(deployed.details())
                .containsEntry("provider", "akash1provider0cheap00000000000000000000000")
                .containsEntry("price", "1.250000000000000000uact");
        JsonNode created = JSON.readTree(
                console.requests("POST", "/v1/deployments").getFirst().body());
        assertThat(created.path("data").path("deposit").decimalValue()).isEqualByComparingTo("5");
        assertThat(created.path("data").path("name").asString()).isEqualTo("panthera-agent-7d3f2a109c4b");
        AkashSdl.validate(created.path("data").path("sdl").asString());
        JsonNode lease =
                JSON.readTree(console.requests("POST", "/v1/leases").getFirst().body());
        assertThat(lease.path("manifest").asString()).startsWith("[{\"name\":\"akash\"");
        assertThat(lease.path("leases").path(0).path("provider").asString())
                .isEqualTo("akash1provider0cheap00000000000000000000000");
        assertThat(lease.path("leases").path(0).path("gseq").asInt()).isEqualTo(1);

        assertThat(provider.status(deployed).phase()).isEqualTo(Phase.STARTING);
        var ready = provider.status(deployed);
        assertThat(ready.phase()).isEqualTo(Phase.READY);
        assertThat(ready.endpointUrl()).isEqualTo("http://a1b2c3d4e5f6g7h8.ingress.provider-cheap.example");
        assertThat(provider.health(deployed).healthy()).isTrue();

        provider.stop(deployed);
        provider.stop(deployed);
        assertThat(console.requests("DELETE", "/v1/deployments/" + DSEQ)).hasSize(2);

        assertThat(console.requests())
                .allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(AkashFixtures.API_KEY));
        assertThat(output.getAll()).doesNotContain(AkashFixtures.API_KEY);
    }

    @Test
    void noBidWithinTheWaitClosesTheDeploymentAndIsRetryable() {
        console.on("POST /v1/deployments", 201, "deploy/akash/create-deployment.json")
                .on("GET /v1/bids", 200, "deploy/akash/bids-none.json")
                .on("DELETE /v1/deployments/" + DSEQ, 200, "deploy/akash/close-deployment.json");

        assertThatThrownBy(() -> provider.deploy(AkashFixtures.spec(null, Resources.DEFAULT)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("no Akash provider bid on deployment " + DSEQ)
                .matches(e -> ((ProviderException) e).retryable());
        assertThat(console.requests("DELETE", "/v1/deployments/" + DSEQ)).hasSize(1);
        assertThat(console.requests("POST", "/v1/leases")).isEmpty();
    }

    @Test
    void aRejectedKeyIsNotRetryableAndTheMessageIsTheApisWithoutTheKey(CapturedOutput output) {
        console.on("POST /v1/deployments", 401, "deploy/akash/error-401.json");

        assertThatThrownBy(() -> provider.deploy(AkashFixtures.spec(null, Resources.DEFAULT)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("answered 401: Invalid API key")
                .hasMessageNotContaining(AkashFixtures.API_KEY)
                .matches(e -> !((ProviderException) e).retryable());
        assertThat(output.getAll()).doesNotContain(AkashFixtures.API_KEY);
    }

    @Test
    void anUnavailableConsoleIsRetryable() {
        console.on("POST /v1/deployments", 503, "deploy/akash/error-503.json");

        assertThatThrownBy(() -> provider.deploy(AkashFixtures.spec(null, Resources.DEFAULT)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("answered 503: upstream RPC node unavailable")
                .matches(e -> ((ProviderException) e).retryable());
    }

    @Test
    void aFailedLeaseClosesTheDeploymentSoTheDepositIsNotLeftInEscrow() {
        console.on("POST /v1/deployments", 201, "deploy/akash/create-deployment.json")
                .on("GET /v1/bids", 200, "deploy/akash/bids.json")
                .on("POST /v1/leases", 503, "deploy/akash/error-503.json")
                .on("DELETE /v1/deployments/" + DSEQ, 200, "deploy/akash/close-deployment.json");

        assertThatThrownBy(() -> provider.deploy(AkashFixtures.spec(null, Resources.DEFAULT)))
                .matches(e -> ((ProviderException) e).retryable());
        assertThat(console.requests("DELETE", "/v1/deployments/" + DSEQ)).hasSize(1);
    }

    @Test
    void statusMapsClosedAndMissingDeploymentsToGoneAndAClosedLeaseToFailed() {
        ProviderDeployment deployment = new ProviderDeployment(DSEQ, null, Map.of());
        console.on("GET /v1/deployments/" + DSEQ, 200, "deploy/akash/deployment-lease-closed.json")
                .on("GET /v1/deployments/" + DSEQ, 200, "deploy/akash/deployment-closed.json")
                .on("GET /v1/deployments/" + DSEQ, 404, "deploy/akash/error-404.json");

        var failed = provider.status(deployment);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.message()).contains("insufficient_funds").contains("lease_closed_insufficient_funds");
        assertThat(provider.status(deployment).phase()).isEqualTo(Phase.GONE);
        assertThat(provider.status(deployment).phase()).isEqualTo(Phase.GONE);
        assertThat(provider.health(deployment).healthy()).isFalse();
    }
}
