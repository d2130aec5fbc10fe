package dev.panthera.deploy.provider.kubernetes;

import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.Resources;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the Secret, Deployment and Service of one agent (the Ingress: {@link AgentIngress}). */
final class AgentManifests {

    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    static final String CONTAINER = "agent";
    static final String CONFIG_KEY = "config.json";
    static final String CONFIG_ENV = "PANTHERA_AGENT_CONFIG";
    static final String GPU = "nvidia.com/gpu";

    private final KubernetesProperties properties;

    AgentManifests(KubernetesProperties properties) {
        this.properties = properties;
    }

    static String secretName(String slug) {
        return slug + "-config";
    }

    Map<String, String> labels(DeploymentSpec spec) {
        var labels = new LinkedHashMap<>(properties.labels());
        labels.put(NAME_LABEL, "panthera-agent");
        labels.put(INSTANCE_LABEL, spec.slug());
        labels.put("panthera.dev/deployment-id", spec.deploymentId().toString());
        labels.put("panthera.dev/collection", LabelValues.safe(spec.collection()));
        labels.put("panthera.dev/token-id", LabelValues.safe(spec.tokenId()));
        return labels;
    }

    Secret secret(DeploymentSpec spec) {
        String config = spec.config() == null ? "{}" : spec.config();
        return new SecretBuilder()
                .withNewMetadata()
                .withName(secretName(spec.slug()))
                .withNamespace(properties.namespace())
                .withLabels(labels(spec))
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of(CONFIG_KEY, base64(config)))
                .build();
    }

    Deployment deployment(DeploymentSpec spec) {
        String slug = spec.slug();
        var labels = labels(spec);
        var container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image(spec))
                .addNewPort()
                .withName("http")
                .withContainerPort(properties.containerPort())
                .endPort()
                .withEnv(env(spec))
                .withNewResources()
                .withRequests(quantities(spec.resources()))
                .withLimits(quantities(spec.resources()))
                .endResources()
                .withReadinessProbe(healthProbe(2, 5))
                .withLivenessProbe(healthProbe(15, 10))
                .build();
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(slug)
                .withNamespace(properties.namespace())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(Map.of(NAME_LABEL, "panthera-agent", INSTANCE_LABEL, slug))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                // A changed config must roll the pod: the Secret alone changing would not.
                .withAnnotations(Map.of("panthera.dev/config-sha256", sha256(spec.config())))
                .endMetadata()
                .withNewSpec()
                .withContainers(container)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    Service service(DeploymentSpec spec) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(spec.slug())
                .withNamespace(properties.namespace())
                .withLabels(labels(spec))
                .endMetadata()
                .withNewSpec()
                .withType(properties.serviceType())
                .withSelector(Map.of(NAME_LABEL, "panthera-agent", INSTANCE_LABEL, spec.slug()))
                .addNewPort()
                .withName("http")
                .withPort(properties.containerPort())
                .withTargetPort(new IntOrString("http"))
                .endPort()
                .endSpec()
                .build();
    }

    String serviceUrl(String slug) {
        return "http://" + slug + "." + properties.namespace() + ".svc.cluster.local:" + properties.containerPort();
    }

    private String image(DeploymentSpec spec) {
        if (spec.image() != null && !spec.image().isBlank()) {
            return spec.image();
        }
        if (properties.defaultImage() != null && !properties.defaultImage().isBlank()) {
            return properties.defaultImage();
        }
        throw new ProviderException(
                "kubernetes: the agent names no image and panthera.deploy.kubernetes.default-image is not set", false);
    }

    private static List<EnvVar> env(DeploymentSpec spec) {
        var env = new ArrayList<EnvVar>();
        new TreeMap<>(spec.env()).forEach((name, value) -> {
            if (!CONFIG_ENV.equals(name)) {
                env.add(new EnvVar(name, value, null));
            }
        });
        env.add(new EnvVarBuilder()
                .withName(CONFIG_ENV)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(secretName(spec.slug()))
                .withKey(CONFIG_KEY)
                .endSecretKeyRef()
                .endValueFrom()
                .build());
        return env;
    }

    private static Map<String, Quantity> quantities(Resources requested) {
        Resources resources = requested == null ? Resources.DEFAULT : requested;
        var quantities = new LinkedHashMap<String, Quantity>();
        quantities.put("cpu", new Quantity(resources.cpuQuantity()));
        quantities.put("memory", new Quantity(resources.memoryQuantity()));
        quantities.put("ephemeral-storage", new Quantity(resources.diskQuantity()));
        if (resources.gpu() > 0) {
            quantities.put(GPU, new Quantity(Integer.toString(resources.gpu())));
        }
        return quantities;
    }

    private Probe healthProbe(int initialDelaySeconds, int periodSeconds) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath("/health")
                .withPort(new IntOrString("http"))
                .endHttpGet()
                .withInitialDelaySeconds(initialDelaySeconds)
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(3)
                .build();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String config) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest((config == null ? "{}" : config).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
