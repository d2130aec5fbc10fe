package dev.panthera.deploy.provider.kubernetes;

import static dev.panthera.deploy.provider.kubernetes.KubernetesFixtures.CONFIG;
import static dev.panthera.deploy.provider.kubernetes.KubernetesFixtures.NAMESPACE;
import static dev.panthera.deploy.provider.kubernetes.KubernetesFixtures.properties;
import static dev.panthera.deploy.provider.kubernetes.KubernetesFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderException;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mock in expectations mode answers with API errors; each must map to the right kind of failure. */
@EnableKubernetesMockClient(crud = false)
class KubernetesApiErrorsTest {

    private static final String SECRETS = "/api/v1/namespaces/" + NAMESPACE + "/secrets";
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments";

    KubernetesMockServer server;

    private KubernetesClient client;
    private KubernetesDeploymentProvider provider;
    private DeploymentSpec spec;

    @BeforeEach
    void setUp() {
        // fabric8 would retry a 500 itself; the provider's own client does not (the job queue does).
        client = server.createClient(builder ->
                builder.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
        provider = new KubernetesDeploymentProvider(client, properties());
        spec = spec();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void serverErrorOnDeploymentCreateIsRetryable() {
        secretCreated();
        server.expect()
                .post()
                .withPath(DEPLOYMENTS)
                .andReturn(500, status(500, "InternalError", "etcdserver: request timed out"))
                .once();

        assertThatThrownBy(() -> provider.deploy(spec)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage())
                    .contains("Deployment " + NAMESPACE + "/" + spec.slug())
                    .contains("HTTP 500")
                    .contains("etcdserver: request timed out");
        });
    }

    @Test
    void forbiddenIsNotRetryableAndNamesTheObjectAndReasonWithoutTheConfig() {
        server.expect()
                .post()
                .withPath(SECRETS)
                .andReturn(
                        403,
                        status(
                                403,
                                "Forbidden",
                                "secrets is forbidden: User \"system:serviceaccount:panthera:panthera\" cannot create resource"
                                        + " \"secrets\" in API group \"\" in the namespace \"panthera-agents\""))
                .once();

        assertThatThrownBy(() -> provider.deploy(spec)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage())
                    .contains("Secret " + NAMESPACE + "/" + spec.slug() + "-config")
                    .contains("HTTP 403 Forbidden")
                    .contains("cannot create resource \"secrets\"")
                    .doesNotContain(CONFIG)
                    .doesNotContain("be brief");
        });
    }

    @Test
    void invalidObjectIsNotRetryable() {
        secretCreated();
        server.expect()
                .post()
                .withPath(DEPLOYMENTS)
                .andReturn(
                        422,
                        status(
                                422,
                                "Invalid",
                                "Deployment.apps \"" + spec.slug()
                                        + "\" is invalid: spec.template.spec.containers[0].image: Required value"))
                .once();

        assertThatThrownBy(() -> provider.deploy(spec)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP 422 Invalid").contains("containers[0].image: Required value");
        });
    }

    @Test
    void tooManyRequestsOnStatusIsRetryable() {
        var deployed = new ProviderDeployment(NAMESPACE + "/" + spec.slug(), null, Map.of());
        server.expect()
                .get()
                .withPath(DEPLOYMENTS + "/" + spec.slug())
                .andReturn(429, status(429, "TooManyRequests", "slow down"))
                .once();

        assertThatThrownBy(() -> provider.status(deployed))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void unreachableApiServerIsRetryable() {
        var unreachable = new KubernetesProperties(
                true,
                "http://127.0.0.1:1",
                NAMESPACE,
                Map.of(),
                "img",
                8080,
                "ClusterIP",
                properties().ingress(),
                Duration.ofSeconds(2));
        try (var offline = new KubernetesClientBuilder()
                .withConfig(KubernetesConfiguration.clientConfig(unreachable))
                .build()) {
            var offlineProvider = new KubernetesDeploymentProvider(offline, unreachable);

            assertThatThrownBy(() -> offlineProvider.deploy(spec))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        var chain = new StringBuilder();
                        for (Throwable c = e; c != null; c = c.getCause())
                            chain.append(" CHAIN ")
                                    .append(c.getClass())
                                    .append(' ')
                                    .append(c.getMessage());
                        assertThat(e.retryable()).as(chain.toString()).isTrue();
                        assertThat(e.getMessage()).contains("could not reach the Kubernetes API");
                    });
        }
    }

    private void secretCreated() {
        var secret = new SecretBuilder()
                .withNewMetadata()
                .withName(spec.slug() + "-config")
                .withNamespace(NAMESPACE)
                .endMetadata()
                .build();
        server.expect().post().withPath(SECRETS).andReturn(201, secret).once();
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder()
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .withStatus("Failure")
                .build();
    }
}
