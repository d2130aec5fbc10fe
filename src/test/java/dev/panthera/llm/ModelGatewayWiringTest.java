package dev.panthera.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.shared.PantheraProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The module's beans wire from configuration alone, as in the application. */
class ModelGatewayWiringTest {

    @Configuration
    @EnableConfigurationProperties(PantheraProperties.class)
    @ComponentScan("dev.panthera.llm")
    static class LlmOnly {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(LlmOnly.class);

    @Test
    void withNothingConfiguredTheOfflineResponderAnswers() {
        runner.run(context -> {
            ChatCompletion completion = context.getBean(ModelGateway.class)
                    .complete(ModelRequest.of("deepseek-chat", List.of(ModelMessage.user("hello"))));

            assertThat(completion.provider()).isEqualTo("offline");
            assertThat(completion.metadata()).containsEntry("responder", "offline");
        });
    }

    @Test
    void namedProvidersSitSideBySide() throws Exception {
        try (FakeOpenAi deepseek = FakeOpenAi.start();
                FakeOpenAi local = FakeOpenAi.start()) {
            deepseek.answer(FakeOpenAi.reply("from deepseek", 1, 1));
            local.answer(FakeOpenAi.reply("from local", 1, 1));
            runner.withPropertyValues(
                            "panthera.llm.providers.deepseek.base-url=" + deepseek.baseUrl(),
                            "panthera.llm.providers.deepseek.models=deepseek-chat,deepseek-reasoner",
                            "panthera.llm.providers.local.base-url=" + local.baseUrl(),
                            "panthera.llm.providers.local.models=llama3",
                            "panthera.llm.providers.local.timeout=2s")
                    .run(context -> {
                        ModelGateway gateway = context.getBean(ModelGateway.class);
                        List<ModelMessage> hi = List.of(ModelMessage.user("hi"));

                        assertThat(gateway.complete(ModelRequest.of("deepseek-chat", hi))
                                        .content())
                                .isEqualTo("from deepseek");
                        assertThat(gateway.complete(ModelRequest.of("llama3", hi))
                                        .content())
                                .isEqualTo("from local");
                        assertThat(gateway.complete(ModelRequest.of("other", hi))
                                        .provider())
                                .isEqualTo("offline");
                    });
            assertThat(deepseek.requests).hasValue(1);
            assertThat(local.requests).hasValue(1);
        }
    }

    @Test
    void anUnknownDefaultProviderStopsStartup() {
        runner.withPropertyValues("panthera.llm.default-provider=nowhere")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("panthera.llm.default-provider 'nowhere'"));
    }
}
