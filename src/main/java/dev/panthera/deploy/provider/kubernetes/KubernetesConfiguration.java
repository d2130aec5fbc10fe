package dev.panthera.deploy.provider.kubernetes;

import dev.panthera.deploy.spi.DeploymentProvider;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the kubernetes provider only when {@code panthera.deploy.kubernetes.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "panthera.deploy.kubernetes", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(KubernetesProperties.class)
class KubernetesConfiguration {

    @Bean(destroyMethod = "close")
    KubernetesClient pantheraKubernetesClient(KubernetesProperties properties) {
        return new KubernetesClientBuilder()
                .withConfig(clientConfig(properties))
                .build();
    }

    @Bean
    DeploymentProvider kubernetesDeploymentProvider(
            KubernetesClient pantheraKubernetesClient, KubernetesProperties properties) {
        return new KubernetesDeploymentProvider(pantheraKubernetesClient, properties);
    }

    static Config clientConfig(KubernetesProperties properties) {
        var builder = new ConfigBuilder(Config.autoConfigure(null));
        if (properties.masterUrl() != null && !properties.masterUrl().isBlank()) {
            builder.withMasterUrl(properties.masterUrl());
        }
        int timeoutMillis = Math.toIntExact(properties.requestTimeout().toMillis());
        return builder.withRequestTimeout(timeoutMillis)
                .withConnectionTimeout(timeoutMillis)
                // The deploy job queue backs off and retries; fabric8's own retries would only
                // stretch one call far past the request timeout.
                .withRequestRetryBackoffLimit(0)
                .build();
    }
}
