package dev.panthera.llm.provider.openai;

import dev.panthera.llm.spi.ChatModelProvider;
import dev.panthera.llm.spi.ChatModelProviderSource;
import dev.panthera.shared.PantheraProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/** One {@link OpenAiCompatibleChatModelProvider} per entry under {@code panthera.llm.providers}. */
@Component
class OpenAiCompatibleProviders implements ChatModelProviderSource {

    private final List<ChatModelProvider> providers;

    OpenAiCompatibleProviders(PantheraProperties properties) {
        this.providers = properties.llm().providers().entrySet().stream()
                .map(e -> {
                    if (e.getValue().baseUrl() == null || e.getValue().baseUrl().isBlank()) {
                        throw new IllegalStateException(
                                "panthera.llm.providers." + e.getKey() + ".base-url is not set");
                    }
                    return (ChatModelProvider) new OpenAiCompatibleChatModelProvider(e.getKey(), e.getValue());
                })
                .toList();
    }

    @Override
    public List<ChatModelProvider> providers() {
        return providers;
    }
}
