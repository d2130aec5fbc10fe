package dev.panthera.deploy.provider.kubernetes;

import static dev.panthera.deploy.provider.kubernetes.KubernetesErrors.call;

import dev.panthera.deploy.spi.DeploymentProvider;
import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.HealthReport;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.LinkedHashMap;

/**
 * Runs each agent as a Deployment (one replica) behind a Service, its config in a Secret, and an
 * Ingress when configured, all named after {@link DeploymentSpec#slug()} in one namespace. Deploy
 * creates or updates each object, so a repeated deploy converges instead of failing.
 */
class KubernetesDeploymentProvider implements DeploymentProvider {

    static final String NAME = "kubernetes";

    private final KubernetesClient client;
    private final KubernetesProperties properties;
    private final AgentManifests manifests;
    private final WorkloadInspector inspector;

    KubernetesDeploymentProvider(KubernetesClient client, KubernetesProperties properties) {
        this.client = client;
        this.properties = properties;
        this.manifests = new AgentManifests(properties);
        this.inspector = new WorkloadInspector(client);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderDeployment deploy(DeploymentSpec spec) {
        String slug = spec.slug();
        String namespace = properties.namespace();
        // Built before any call so a spec without an image fails without leaving half a workload.
        var deployment = manifests.deployment(spec);
        apply(manifests.secret(spec));
        apply(deployment);
        apply(manifests.service(spec));
        var details = new LinkedHashMap<String, String>();
        details.put("namespace", namespace);
        details.put("name", slug);
        String endpoint = manifests.serviceUrl(slug);
        if (properties.ingress().enabled()) {
            apply(AgentIngress.of(spec, properties, manifests));
            endpoint = properties.ingress().url(slug, namespace);
            details.put("ingress", slug);
        }
        return new ProviderDeployment(namespace + "/" + slug, endpoint, details);
    }

    @Override
    public ProviderStatus status(ProviderDeployment deployment) {
        var target = Target.of(deployment, properties.namespace());
        return inspector.status(target, deployment.endpointUrl());
    }

    @Override
    public HealthReport health(ProviderDeployment deployment) {
        return inspector.health(Target.of(deployment, properties.namespace()));
    }

    @Override
    public void stop(ProviderDeployment deployment) {
        var target = Target.of(deployment, properties.namespace());
        String ns = target.namespace();
        String name = target.name();
        // Deleting something already gone answers 404, which fabric8 reports as an empty result.
        if (properties.ingress().enabled() || deployment.details().containsKey("ingress")) {
            call(
                    "delete",
                    "Ingress " + target,
                    () -> client.network()
                            .v1()
                            .ingresses()
                            .inNamespace(ns)
                            .withName(name)
                            .delete());
        }
        call(
                "delete",
                "Service " + target,
                () -> client.services().inNamespace(ns).withName(name).delete());
        call(
                "delete",
                "Deployment " + target,
                () -> client.apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName(name)
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                        .delete());
        String secret = AgentManifests.secretName(name);
        call(
                "delete",
                "Secret " + ns + "/" + secret,
                () -> client.secrets().inNamespace(ns).withName(secret).delete());
    }

    private <T extends HasMetadata> void apply(T object) {
        String what = object.getKind() + " " + object.getMetadata().getNamespace() + "/"
                + object.getMetadata().getName();
        call(
                "apply",
                what,
                () -> client.resource(object)
                        .inNamespace(object.getMetadata().getNamespace())
                        .createOr(NonDeletingOperation::update));
    }
}
