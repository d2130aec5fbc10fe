package dev.panthera.deploy.provider.secretvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.deploy.spi.DeploymentProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class SecretVmProviderWiringTest {

    @Configuration
    @EnableConfigurationProperties(SecretVmProperties.class)
    @Import(SecretVmDeploymentProvider.class)
    static class Wiring {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void theProviderIsABeanOnlyWhenEnabled() {
        runner.run(context -> assertThat(context).doesNotHaveBean(DeploymentProvider.class));
        runner.withPropertyValues(
                        "panthera.deploy.secret-vm.enabled=true", "panthera.deploy.secret-vm.api-key=secret-k")
                .run(context -> {
                    assertThat(context).hasSingleBean(DeploymentProvider.class);
                    assertThat(context.getBean(DeploymentProvider.class).name()).isEqualTo("secret_vm");
                    SecretVmProperties props = context.getBean(SecretVmProperties.class);
                    assertThat(props.apiUrl()).hasToString("https://secretai.scrtlabs.com");
                    assertThat(props.attestationUrl()).isEqualTo("https://{host}:29343/cpu");
                    assertThat(props.toString()).doesNotContain("secret-k");
                });
    }
}
