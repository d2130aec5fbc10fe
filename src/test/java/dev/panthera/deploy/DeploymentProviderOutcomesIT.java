package dev.panthera.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.deploy.spi.DeploymentProvider;
import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.HealthReport;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.ProviderStatus;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.RunningServerTest;
import dev.panthera.support.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the deploy jobs make of a provider's answers, with scripted providers on the real queue: a
 * provider that keeps failing with a retryable error fails the deployment once the start job's
 * attempts run out, and a ready status's details are merged into the stored provider details.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its job worker must not outlive it and take other tests' jobs
class DeploymentProviderOutcomesIT extends RunningServerTest {

    static final String C = "dpo" + Long.toString(System.nanoTime() % 1_000_000, 36);
    static final String OUTAGE = "The provider's API answered 503 Service Unavailable";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
        TestEnvironment.jobsOn(registry);
        registry.add("panthera.jobs.max-attempts", () -> 2); // one retry, after 1 s
    }

    /** Deploys always fail with a retryable error; counts the tries. */
    static final class DownProvider implements DeploymentProvider {
        final AtomicInteger tries = new AtomicInteger();

        @Override
        public String name() {
            return "down";
        }

        @Override
        public ProviderDeployment deploy(DeploymentSpec spec) {
            tries.incrementAndGet();
            throw new ProviderException(OUTAGE, true);
        }

        @Override
        public ProviderStatus status(ProviderDeployment deployment) {
            return new ProviderStatus(ProviderStatus.Phase.GONE, null, "never deployed");
        }

        @Override
        public HealthReport health(ProviderDeployment deployment) {
            return new HealthReport(false, Duration.ZERO, null, null, "never deployed");
        }

        @Override
        public void stop(ProviderDeployment deployment) {}
    }

    /** Like a TEE provider: details at deploy time, an attestation once the workload is ready. */
    static final class AttestedProvider implements DeploymentProvider {
        @Override
        public String name() {
            return "attested";
        }

        @Override
        public ProviderDeployment deploy(DeploymentSpec spec) {
            return new ProviderDeployment("vm-" + spec.slug(), null, Map.of("vm_id", "vm-" + spec.slug()));
        }

        @Override
        public ProviderStatus status(ProviderDeployment deployment) {
            return new ProviderStatus(
                    ProviderStatus.Phase.READY,
                    "https://" + deployment.providerId() + ".example",
                    null,
                    Map.of("attestation_quote", "quote-of-" + deployment.providerId()));
        }

        @Override
        public HealthReport health(ProviderDeployment deployment) {
            return new HealthReport(true, Duration.ZERO, null, null, null);
        }

        @Override
        public void stop(ProviderDeployment deployment) {}
    }

    @TestConfiguration
    static class FakeProviders {
        @Bean
        DownProvider downProvider() {
            return new DownProvider();
        }

        @Bean
        AttestedProvider attestedProvider() {
            return new AttestedProvider();
        }
    }

    @Autowired
    DownProvider down;

    String token;

    @BeforeEach
    void setUp() {
        token = api.accessToken(DevWallet.generate(ChainFamily.EVM, null));
    }

    String deploy(String tokenId, String provider) {
        api.mint(C, tokenId, token);
        Response created = api.post(
                "/v1/deployments", Map.of("collection", C, "nft_token_id", tokenId, "provider", provider), token);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
        return created.text("deployment_id");
    }

    Response await(String id, String status) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.get("/v1/deployments/" + id, token);
            if (last.status() == 200 && status.equals(last.text("status"))) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never " + status + "; last: "
                + (last == null ? null : last.raw().body()));
    }

    @Test
    void aProviderStillFailingAtTheLastAttemptFailsTheDeploymentWithItsError() throws Exception {
        String id = deploy("1", "down");

        Response failed = await(id, "failed");

        assertThat(failed.text("error")).isEqualTo(OUTAGE);
        assertThat(down.tries.get()).as("the first try and the one retry").isEqualTo(2);
        assertThat(jdbc.sql("select error_message from deployments where id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo(OUTAGE);
        // the job is failed too, with the reason, and not run again
        List<Map<String, Object>> jobs = jdbc.sql(
                        "select state, attempts, last_error from jobs" + " where kind = 'deploy.start' and payload = ?")
                .param(id)
                .query()
                .listOfRows();
        assertThat(jobs).hasSize(1);
        assertThat(jobs.getFirst()).containsEntry("state", "failed").containsEntry("attempts", 2);
        assertThat((String) jobs.getFirst().get("last_error")).isEqualTo(OUTAGE);
        assertThat(jdbc.sql("select event_type || ' ' || coalesce(old_status, '') || ' ' || new_status"
                                + " from deployment_events where deployment_id = ?::uuid order by seq")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly("created  pending", "status_changed pending deploying", "failed deploying failed");
    }

    @Test
    void aReadyStatusAddsItsDetailsToTheStoredOnes() throws Exception {
        String id = deploy("2", "attested");

        Response running = await(id, "running");

        String slug = "panthera-agent-" + id.replace("-", "").substring(0, 12);
        assertThat(running.text("endpoint_url")).isEqualTo("https://vm-" + slug + ".example");
        String details = jdbc.sql("select provider_details::text from deployments where id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
        assertThat(details)
                .as("the deploy-time details are kept and the ready status's added")
                .contains("\"vm_id\": \"vm-" + slug + "\"")
                .contains("\"attestation_quote\": \"quote-of-vm-" + slug + "\"");

        // stopped, so no later context's health sweep meets a provider only this test has
        assertThat(api.delete("/v1/deployments/" + id, token).status()).isEqualTo(202);
        await(id, "stopped");
    }
}
