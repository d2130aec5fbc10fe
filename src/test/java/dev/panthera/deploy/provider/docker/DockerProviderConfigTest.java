package dev.panthera.deploy.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.deploy.spi.DeploymentProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DockerProviderConfigTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(DockerProviderConfig.class);

    @Test
    void noProviderUnlessEnabled() {
        context.run(c -> assertThat(c).doesNotHaveBean(DeploymentProvider.class));
        context.withPropertyValues("panthera.deploy.docker.enabled=false")
                .run(c -> assertThat(c).doesNotHaveBean(DeploymentProvider.class));
    }

    @Test
    void enabledProviderIsNamedDockerAndBindsItsSettings() {
        context.withPropertyValues(
                        "panthera.deploy.docker.enabled=true",
                        "panthera.deploy.docker.host=tcp://127.0.0.1:2375",
                        "panthera.deploy.docker.pull-policy=always",
                        "panthera.deploy.docker.request-timeout=12s",
                        "panthera.deploy.docker.labels[com.example.team]=agents")
                .run(c -> {
                    assertThat(c.getBean(DeploymentProvider.class).name()).isEqualTo("docker");
                    DockerProperties properties = c.getBean(DockerProperties.class);
                    assertThat(properties.pullPolicy()).isEqualTo(DockerProperties.PullPolicy.ALWAYS);
                    assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(12));
                    assertThat(properties.labels()).containsEntry("com.example.team", "agents");
                    assertThat(properties.containerPort()).isEqualTo(8080);
                    assertThat(properties.publishedHost()).isEqualTo("127.0.0.1");
                });
    }

    @Test
    void defaultsPointAtTheLocalSocket() {
        context.withPropertyValues("panthera.deploy.docker.enabled=true").run(c -> {
            DockerProperties properties = c.getBean(DockerProperties.class);
            assertThat(properties.host()).isEqualTo("unix:///var/run/docker.sock");
            assertThat(properties.pullPolicy()).isEqualTo(DockerProperties.PullPolicy.IF_MISSING);
            assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        });
    }
}
