package dev.panthera.deploy.provider.kubernetes;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code panthera.deploy.kubernetes}: where agents run in a cluster. An empty {@code master-url}
 * lets fabric8 find the cluster itself (in-cluster service account, then ~/.kube/config).
 * {@code default-image} runs agents whose metadata names no image; {@code labels} are added to
 * every object Panthera creates.
 */
@ConfigurationProperties("panthera.deploy.kubernetes")
record KubernetesProperties(
        boolean enabled,
        String masterUrl,
        @DefaultValue("panthera-agents") String namespace,
        @DefaultValue Map<String, String> labels,
        String defaultImage,
        @DefaultValue("8080") int containerPort,
        @DefaultValue("ClusterIP") String serviceType,
        @DefaultValue Ingress ingress,
        @DefaultValue("10s") Duration requestTimeout) {

    KubernetesProperties {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ingress = ingress == null ? new Ingress(false, null, null, false, null) : ingress;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
    }

    /**
     * An Ingress per agent when {@code enabled}: host from {@code host-template} ({@code {slug}} and
     * {@code {namespace}} replaced), optional ingress class, and TLS with {@code tls-secret} (empty
     * = the controller's default certificate).
     */
    record Ingress(
            boolean enabled,
            @DefaultValue("{slug}.agents.example.com") String hostTemplate,
            String className,
            boolean tls,
            String tlsSecret) {

        String host(String slug, String namespace) {
            return hostTemplate.replace("{slug}", slug).replace("{namespace}", namespace);
        }

        String url(String slug, String namespace) {
            return (tls ? "https://" : "http://") + host(slug, namespace);
        }
    }
}
