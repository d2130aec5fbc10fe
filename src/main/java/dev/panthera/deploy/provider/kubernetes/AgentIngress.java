package dev.panthera.deploy.provider.kubernetes;

import dev.panthera.deploy.spi.DeploymentSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;

/** The agent's Ingress: its host from the configured template, routing / to the agent's Service. */
final class AgentIngress {

    private AgentIngress() {}

    static Ingress of(DeploymentSpec spec, KubernetesProperties properties, AgentManifests manifests) {
        var settings = properties.ingress();
        String slug = spec.slug();
        String host = settings.host(slug, properties.namespace());
        var builder = new IngressBuilder()
                .withNewMetadata()
                .withName(slug)
                .withNamespace(properties.namespace())
                .withLabels(manifests.labels(spec))
                .endMetadata()
                .withNewSpec()
                .withIngressClassName(blankToNull(settings.className()))
                .addNewRule()
                .withHost(host)
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(slug)
                .withNewPort()
                .withNumber(properties.containerPort())
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec();
        if (settings.tls()) {
            builder.editSpec()
                    .withTls(List.of(new IngressTLS(List.of(host), blankToNull(settings.tlsSecret()))))
                    .endSpec();
        }
        return builder.build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
