package dev.panthera.deploy.provider.akash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.deploy.spi.DeploymentProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class AkashProviderWiringTest {

    @Configuration
    @EnableConfigurationProperties(AkashProperties.class)
    @Import(AkashDeploymentProvider.class)
    static class Wiring {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void theProviderIsABeanOnlyWhenEnabled() {
        runner.run(context -> assertThat(context).doesNotHaveBean(DeploymentProvider.class));
        runner.withPropertyValues("panthera.deploy.akash.enabled=true", "panthera.deploy.akash.api-key=k")
                .run(context -> {
                    assertThat(context).hasSingleBean(DeploymentProvider.class);
                    assertThat(context.getBean(DeploymentProvider.class).name()).isEqualTo("akash");
                    AkashProperties props = context.getBean(AkashProperties.class);
                    assertThat(props.apiUrl()).hasToString("https://console-api.akash.network");
                    assertThat(props.pricing().denom()).isEqualTo("uact");
                    assertThat(props.toString()).doesNotContain("=k,").contains("apiKey=***");
                });
    }
}
