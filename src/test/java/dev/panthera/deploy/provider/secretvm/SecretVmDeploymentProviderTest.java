package dev.panthera.deploy.provider.secretvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.deploy.provider.replay.ReplayServer;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.ProviderStatus.Phase;
import dev.panthera.deploy.spi.Resources;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The provider against SecretAI portal exchanges recorded as fixtures (deploy/secretvm/*). */
@ExtendWith(OutputCaptureExtension.class)
class SecretVmDeploymentProviderTest {

    private static final String VM = "/api/vm/" + SecretVmFixtures.VM_ID;
    private static final String ATTEST = "/attest/" + SecretVmFixtures.DOMAIN + "/cpu";
    private static final Instant NOW = Instant.parse("2026-11-23T18:05:00Z");

    private final ReplayServer portal = new ReplayServer();
    private final SecretVmDeploymentProvider provider =
            new SecretVmDeploymentProvider(SecretVmFixtures.props(portal.uri()), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        portal.close();
    }

    @Test
    void createsTheVmThenTurnsReadyWithItsAttestationAndStops(CapturedOutput output) {
        portal.on("GET /api/vm/instances", 200, "deploy/secretvm/vm-instances-none.json")
                .on("POST /api/vm/create", 200, "deploy/secretvm/vm-create.json")
                .on("GET " + VM, 200, "deploy/secretvm/vm-creating.json")
                .on("GET " + VM, 200, "deploy/secretvm/vm-running.json")
                .on("GET " + ATTEST, 503, null)
                .on("GET " + ATTEST, 200, "deploy/secretvm/cpu-quote.txt")
                .on("DELETE " + VM + "/terminate", 200, "deploy/secretvm/terminate.json")
                .on("DELETE " + VM + "/terminate", 404, "deploy/secretvm/error-404.json");

        ProviderDeployment deployed = provider.deploy(SecretVmFixtures.spec(new Resources(1, 2, 0, 2)));

        assertThat(deployed.providerId()).isEqualTo(SecretVmFixtures.VM_ID);
        assertThat(deployed.endpointUrl()).isNull();
        assertThat(deployed.details()).containsEntry("vm_type", "small").containsEntry("platform", "tdx");
        String create = portal.requests("POST", "/api/vm/create").getFirst().body();
        assertThat(create)
                .contains("name=\"name\"\r\n\r\npanthera-agent-7d3f2a109c4b\r\n")
                .contains("name=\"vmTypeId\"\r\n\r\nsmall\r\n")
                .contains("name=\"dockercompose\"; filename=\"docker-compose.yml\"")
                .contains("image: ghcr.io/panthera/agent-runtime:1.4.2")
                .contains("memory: 2048M");

        assertThat(provider.status(deployed).phase()).isEqualTo(Phase.STARTING);
        var attestationDown = provider.status(deployed);
        assertThat(attestationDown.phase()).isEqualTo(Phase.STARTING);
        assertThat(attestationDown.message()).contains("attestation not available yet");
        var ready = provider.status(deployed);
        assertThat(ready.phase()).isEqualTo(Phase.READY);
        assertThat(ready.endpointUrl()).isEqualTo("https://" + SecretVmFixtures.DOMAIN + ":8080");

        Map<String, String> attestation = provider.attestation(SecretVmFixtures.VM_ID);
        assertThat(attestation.get("attestation_quote"))
                .isEqualTo(ReplayServer.fixture("deploy/secretvm/cpu-quote.txt").strip());
        assertThat(attestation)
                .containsEntry("attestation_fetched_at", NOW.toString())
                .containsEntry("attestation_tee", "tdx")
                .containsEntry("attestation_mrtd", "11".repeat(48))
                .containsEntry("attestation_rtmr3", "23".repeat(48))
                .containsEntry("attestation_tls_binding", "not_checked");
        assertThat(ready.details())
                .as("the ready status carries the attestation")
                .isEqualTo(attestation);
        provider.status(deployed);
        assertThat(portal.requests("GET", ATTEST)).as("the quote is read once").hasSize(2);

        provider.stop(deployed);
        provider.stop(deployed);
        assertThat(portal.requests("DELETE", VM + "/terminate")).hasSize(2);

        assertThat(portal.requests().stream().filter(r -> r.path().startsWith("/api/")))
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + SecretVmFixtures.API_KEY));
        assertThat(portal.requests("GET", ATTEST))
                .allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
        assertThat(output.getAll()).doesNotContain(SecretVmFixtures.API_KEY);
    }

    @Test
    void aRepeatedDeployFindsTheVmByItsNameInsteadOfCreatingASecond() {
        portal.on("GET /api/vm/instances", 200, "deploy/secretvm/vm-instances-existing.json");

        ProviderDeployment again = provider.deploy(SecretVmFixtures.spec(Resources.DEFAULT));

        assertThat(again.providerId()).isEqualTo(SecretVmFixtures.VM_ID);
        assertThat(again.endpointUrl()).isEqualTo("https://" + SecretVmFixtures.DOMAIN + ":8080");
        assertThat(portal.requests("POST", "/api/vm/create")).isEmpty();
    }

    @Test
    void aRejectedKeyIsNotRetryableAndNeverShowsTheKey(CapturedOutput output) {
        portal.on("GET /api/vm/instances", 401, "deploy/secretvm/error-401.json");

        assertThatThrownBy(() -> provider.deploy(SecretVmFixtures.spec(Resources.DEFAULT)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("answered 401: Unauthorized")
                .hasMessageNotContaining(SecretVmFixtures.API_KEY)
                .matches(e -> !((ProviderException) e).retryable());
        assertThat(output.getAll()).doesNotContain(SecretVmFixtures.API_KEY);
    }

    @Test
    void noCapacityIsRetryable() {
        portal.on("GET /api/vm/instances", 200, "deploy/secretvm/vm-instances-none.json")
                .on("POST /api/vm/create", 503, "deploy/secretvm/error-503.json");

        assertThatThrownBy(() -> provider.deploy(SecretVmFixtures.spec(Resources.DEFAULT)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("answered 503: No host available")
                .matches(e -> ((ProviderException) e).retryable());
    }

    @Test
    void aFailedVmIsFailedAndAMissingOneIsGone() {
        ProviderDeployment deployment = new ProviderDeployment(SecretVmFixtures.VM_ID, null, Map.of());
        portal.on("GET " + VM, 200, "deploy/secretvm/vm-failed.json")
                .on("GET " + VM, 404, "deploy/secretvm/error-404.json");

        assertThat(provider.status(deployment).phase()).isEqualTo(Phase.FAILED);
        assertThat(provider.status(deployment).phase()).isEqualTo(Phase.GONE);
        assertThat(provider.health(deployment).healthy()).isFalse();
    }
}
