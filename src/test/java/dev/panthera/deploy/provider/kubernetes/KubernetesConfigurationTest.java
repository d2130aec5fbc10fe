package dev.panthera.deploy.provider.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.deploy.spi.DeploymentProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KubernetesConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(KubernetesConfiguration.class);

    @Test
    void noProviderUnlessEnabled() {
        runner.run(context -> assertThat(context).doesNotHaveBean(DeploymentProvider.class));
    }

    @Test
    void enabledBindsTheSettingsWithTheirDefaults() {
        runner.withPropertyValues(
                        "panthera.deploy.kubernetes.enabled=true",
                        "panthera.deploy.kubernetes.master-url=https://k8s.example.com:6443",
                        "panthera.deploy.kubernetes.labels.team=agents",
                        "panthera.deploy.kubernetes.ingress.enabled=true",
                        "panthera.deploy.kubernetes.request-timeout=3s")
                .run(context -> {
                    assertThat(context.getBean(DeploymentProvider.class).name()).isEqualTo("kubernetes");
                    var properties = context.getBean(KubernetesProperties.class);
                    assertThat(properties.namespace()).isEqualTo("panthera-agents");
                    assertThat(properties.containerPort()).isEqualTo(8080);
                    assertThat(properties.serviceType()).isEqualTo("ClusterIP");
                    assertThat(properties.labels()).containsEntry("team", "agents");
                    assertThat(properties.ingress().url("panthera-agent-abc", "ns"))
                            .isEqualTo("http://panthera-agent-abc.agents.example.com");
                    var config = KubernetesConfiguration.clientConfig(properties);
                    assertThat(config.getMasterUrl()).startsWith("https://k8s.example.com:6443");
                    assertThat(config.getRequestTimeout()).isEqualTo(3000);
                    assertThat(config.getRequestRetryBackoffLimit()).isZero();
                });
    }
}
