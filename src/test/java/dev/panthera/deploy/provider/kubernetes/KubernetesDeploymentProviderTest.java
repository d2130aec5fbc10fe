package dev.panthera.deploy.provider.kubernetes;

import static dev.panthera.deploy.provider.kubernetes.KubernetesFixtures.CONFIG;
import static dev.panthera.deploy.provider.kubernetes.KubernetesFixtures.NAMESPACE;
import static dev.panthera.deploy.provider.kubernetes.KubernetesFixtures.properties;
import static dev.panthera.deploy.provider.kubernetes.KubernetesFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.ProviderStatus.Phase;
import dev.panthera.deploy.spi.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesDeploymentProviderTest {

    KubernetesClient client;

    @Test
    void deployCreatesSecretDeploymentAndServiceNamedAfterTheSlug() {
        var provider = new KubernetesDeploymentProvider(client, properties());
        DeploymentSpec spec = spec();
        String slug = spec.slug();

        var result = provider.deploy(spec);

        assertThat(result.providerId()).isEqualTo(NAMESPACE + "/" + slug);
        assertThat(result.endpointUrl()).isEqualTo("http://" + slug + ".panthera-agents.svc.cluster.local:8080");
        assertThat(result.details()).containsEntry("namespace", NAMESPACE).containsEntry("name", slug);

        Secret secret = client.secrets()
                .inNamespace(NAMESPACE)
                .withName(slug + "-config")
                .get();
        String stored =
                new String(Base64.getDecoder().decode(secret.getData().get("config.json")), StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo(CONFIG);

        var deployment = client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName(slug)
                .get();
        assertThat(deployment.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "panthera-agent")
                .containsEntry("app.kubernetes.io/instance", slug)
                .containsEntry("panthera.dev/deployment-id", spec.deploymentId().toString())
                .containsEntry("panthera.dev/collection", "dev-collection")
                .containsEntry("panthera.dev/token-id", "42")
                .containsEntry("team", "agents");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "panthera-agent", "app.kubernetes.io/instance", slug));

        Container container =
                deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("ghcr.io/acme/leo:1.2");
        assertThat(container.getPorts().getFirst().getContainerPort()).isEqualTo(8080);
        assertThat(container.getResources().getRequests())
                .containsEntry("cpu", new Quantity("1500m"))
                .containsEntry("memory", new Quantity("2048Mi"))
                .containsEntry("ephemeral-storage", new Quantity("4096Mi"))
                .doesNotContainKey("nvidia.com/gpu");
        assertThat(container.getResources().getLimits())
                .isEqualTo(container.getResources().getRequests());
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("http");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("LOG_LEVEL");
            assertThat(env.getValue()).isEqualTo("info");
        });
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("PANTHERA_AGENT_CONFIG");
            assertThat(env.getValue()).isNull();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(slug + "-config");
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("config.json");
        });

        var service = client.services().inNamespace(NAMESPACE).withName(slug).get();
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/instance", slug);
        assertThat(service.getSpec().getPorts().getFirst().getPort()).isEqualTo(8080);
        assertThat(client.network()
                        .v1()
                        .ingresses()
                        .inNamespace(NAMESPACE)
                        .list()
                        .getItems())
                .isEmpty();
    }

    @Test
    void deployingAgainUpdatesInPlaceAndKeepsOneOfEach() {
        var provider = new KubernetesDeploymentProvider(client, properties());
        DeploymentSpec first = spec();
        provider.deploy(first);
        var changed = new DeploymentSpec(
                first.deploymentId(),
                first.collection(),
                first.tokenId(),
                first.ownerAddress(),
                first.agentName(),
                "ghcr.io/acme/leo:1.3",
                first.resources(),
                "{\"name\":\"Leo 2\"}",
                first.env());

        var again = provider.deploy(changed);

        assertThat(again.providerId()).isEqualTo(NAMESPACE + "/" + first.slug());
        var selector = Map.of("app.kubernetes.io/instance", first.slug());
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(NAMESPACE)
                        .withLabels(selector)
                        .list()
                        .getItems())
                .singleElement()
                .satisfies(d -> assertThat(d.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .getFirst()
                                .getImage())
                        .isEqualTo("ghcr.io/acme/leo:1.3"));
        assertThat(client.services()
                        .inNamespace(NAMESPACE)
                        .withLabels(selector)
                        .list()
                        .getItems())
                .hasSize(1);
        assertThat(client.secrets()
                        .inNamespace(NAMESPACE)
                        .withLabels(selector)
                        .list()
                        .getItems())
                .singleElement()
                .satisfies(s -> assertThat(new String(
                                Base64.getDecoder().decode(s.getData().get("config.json")), StandardCharsets.UTF_8))
                        .isEqualTo("{\"name\":\"Leo 2\"}"));
    }

    @Test
    void gpuAndDefaultImageWhenTheSpecNamesNone() {
        var provider = new KubernetesDeploymentProvider(client, properties());
        DeploymentSpec spec = spec(null, new Resources(2, 8, 1, 10));

        provider.deploy(spec);

        var container = client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName(spec.slug())
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
        assertThat(container.getImage()).isEqualTo("ghcr.io/panthera/agent:default");
        assertThat(container.getResources().getLimits())
                .containsEntry("nvidia.com/gpu", new Quantity("1"))
                .containsEntry("memory", new Quantity("8192Mi"));
    }

    @Test
    void noImageAnywhereIsRefusedBeforeAnythingIsCreated() {
        var base = properties();
        var noDefault = new KubernetesProperties(
                true, null, NAMESPACE, base.labels(), null, 8080, "ClusterIP", base.ingress(), base.requestTimeout());
        var provider = new KubernetesDeploymentProvider(client, noDefault);

        assertThatThrownBy(() -> provider.deploy(spec(null, Resources.DEFAULT)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("default-image");
                });
        assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    }

    @Test
    void ingressEndpointFollowsTheHostTemplate() {
        var ingress = new KubernetesProperties.Ingress(true, "{slug}.agents.example.com", "nginx", true, "agents-tls");
        var provider = new KubernetesDeploymentProvider(client, properties(ingress));
        DeploymentSpec spec = spec();
        String host = spec.slug() + ".agents.example.com";

        var result = provider.deploy(spec);

        assertThat(result.endpointUrl()).isEqualTo("https://" + host);
        var created = client.network()
                .v1()
                .ingresses()
                .inNamespace(NAMESPACE)
                .withName(spec.slug())
                .get();
        assertThat(created.getSpec().getIngressClassName()).isEqualTo("nginx");
        var rule = created.getSpec().getRules().getFirst();
        assertThat(rule.getHost()).isEqualTo(host);
        assertThat(rule.getHttp()
                        .getPaths()
                        .getFirst()
                        .getBackend()
                        .getService()
                        .getName())
                .isEqualTo(spec.slug());
        assertThat(created.getSpec().getTls().getFirst().getHosts()).containsExactly(host);
        assertThat(created.getSpec().getTls().getFirst().getSecretName()).isEqualTo("agents-tls");

        provider.stop(result);

        assertThat(client.network()
                        .v1()
                        .ingresses()
                        .inNamespace(NAMESPACE)
                        .withName(spec.slug())
                        .get())
                .isNull();
    }

    @Test
    void stopDeletesEverythingThenSucceedsAgainAndStatusIsGone() {
        var provider = new KubernetesDeploymentProvider(client, properties());
        DeploymentSpec spec = spec();
        var deployed = provider.deploy(spec);

        provider.stop(deployed);

        assertThat(client.apps()
                        .deployments()
                        .inNamespace(NAMESPACE)
                        .withName(spec.slug())
                        .get())
                .isNull();
        assertThat(client.services()
                        .inNamespace(NAMESPACE)
                        .withName(spec.slug())
                        .get())
                .isNull();
        assertThat(client.secrets()
                        .inNamespace(NAMESPACE)
                        .withName(spec.slug() + "-config")
                        .get())
                .isNull();

        provider.stop(deployed);

        var status = provider.status(deployed);
        assertThat(status.phase()).isEqualTo(Phase.GONE);
        assertThat(status.message()).contains(spec.slug());
    }
}
