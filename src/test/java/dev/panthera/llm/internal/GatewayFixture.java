package dev.panthera.llm.internal;

import dev.panthera.llm.FakeOpenAi;
import dev.panthera.llm.provider.offline.OfflineChatModelProvider;
import dev.panthera.llm.provider.openai.OpenAiCompatibleChatModelProvider;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.support.TestProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A gateway with the offline default and one provider {@code fake} (model fake-chat) on a fake upstream. */
final class GatewayFixture {

    private GatewayFixture() {}

    static DefaultModelGateway gateway(FakeOpenAi upstream, Map<String, String> overrides) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "panthera.llm.providers.fake.base-url", upstream.baseUrl(),
                "panthera.llm.providers.fake.api-key", "test-key",
                "panthera.llm.providers.fake.models[0]", "fake-chat",
                "panthera.llm.providers.fake.timeout", "400ms",
                "panthera.llm.retry-backoff", "10ms"));
        settings.putAll(overrides);
        PantheraProperties properties = TestProperties.of(settings);
        var fake = new OpenAiCompatibleChatModelProvider(
                "fake", properties.llm().providers().get("fake"));
        return new DefaultModelGateway(properties, List.of(new OfflineChatModelProvider(), fake), List.of());
    }
}
