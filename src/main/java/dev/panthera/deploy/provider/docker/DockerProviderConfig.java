package dev.panthera.deploy.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/** The {@code docker} provider, only when {@code panthera.deploy.docker.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "panthera.deploy.docker", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(DockerProperties.class)
class DockerProviderConfig {

    /** Connecting is quick or the engine is not there; answers may take the full request timeout. */
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** The provider owns its client and closes it (Spring infers {@code close()}) on shutdown. */
    @Bean
    DockerDeploymentProvider dockerDeploymentProvider(DockerProperties properties) {
        return new DockerDeploymentProvider(client(properties), properties);
    }

    /**
     * docker-java over Apache HttpClient 5. TLS settings come from the usual DOCKER_TLS_VERIFY /
     * DOCKER_CERT_PATH environment, read by docker-java's default config builder.
     */
    static DockerClient client(DockerProperties properties) {
        DefaultDockerClientConfig.Builder builder =
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(properties.host());
        if (StringUtils.hasText(properties.apiVersion())) {
            builder.withApiVersion(properties.apiVersion());
        }
        DockerClientConfig config = builder.build();
        Duration timeout = properties.requestTimeout();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(50)
                .connectionTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .responseTimeout(timeout)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
