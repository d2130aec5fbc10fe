package dev.panthera.llm.provider.openai;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelMessage;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.llm.spi.ChatModelProvider;
import dev.panthera.shared.PantheraProperties.Llm.Provider;
import java.util.List;
import java.util.Map;

/**
 * One OpenAI-compatible upstream from {@code panthera.llm.providers.<name>}. A single attempt per
 * call (LangChain4j's own retries are off: the gateway retries, and only before the first token).
 */
public class OpenAiCompatibleChatModelProvider implements ChatModelProvider {

    private final String name;
    private final Provider config;
    private final OpenAiChatModel blocking;
    private final OpenAiStreamingChatModel streaming;

    public OpenAiCompatibleChatModelProvider(String name, Provider config) {
        this.name = name;
        this.config = config;
        String defaultModel = config.models().isEmpty() ? null : config.models().getFirst();
        // Local servers (Ollama, vLLM, LM Studio) take no key, but LangChain4j requires one.
        String apiKey = config.apiKey() == null || config.apiKey().isBlank() ? "none" : config.apiKey();
        this.blocking = OpenAiChatModel.builder()
                .httpClientBuilder(UpstreamHttpClient.builder(config.timeout(), UpstreamHttpClient.BLOCKING))
                .baseUrl(config.baseUrl())
                .apiKey(apiKey)
                .modelName(defaultModel)
                .timeout(config.timeout())
                .maxRetries(0)
                .build();
        this.streaming = OpenAiStreamingChatModel.builder()
                .httpClientBuilder(UpstreamHttpClient.builder(config.timeout(), UpstreamHttpClient.STREAMING))
                .baseUrl(config.baseUrl())
                .apiKey(apiKey)
                .modelName(defaultModel)
                .timeout(config.timeout())
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean serves(String model) {
        return model != null && config.models().contains(model);
    }

    @Override
    public ChatCompletion complete(ModelRequest request) {
        try {
            return toCompletion(blocking.chat(toChatRequest(request)), request);
        } catch (RuntimeException e) {
            throw UpstreamErrors.map(name, e);
        }
    }

    @Override
    public StreamHandle stream(ModelRequest request, ModelStreamListener listener) {
        OpenAiStream stream = new OpenAiStream(name, listener, response -> toCompletion(response, request));
        try {
            streaming.chat(toChatRequest(request), stream);
        } catch (RuntimeException e) {
            stream.onError(e);
        }
        return stream;
    }

    private ChatRequest toChatRequest(ModelRequest request) {
        List<ChatMessage> messages = request.messages().stream()
                .map(OpenAiCompatibleChatModelProvider::toMessage)
                .toList();
        var builder = ChatRequest.builder()
                .messages(messages)
                .temperature(request.temperature())
                .maxOutputTokens(request.maxTokens());
        String model = request.model() == null || request.model().isBlank() ? null : request.model();
        if (model != null) {
            builder.modelName(model);
        }
        return builder.build();
    }

    private static ChatMessage toMessage(ModelMessage message) {
        return switch (message.role()) {
            case SYSTEM -> SystemMessage.from(message.content());
            case USER -> UserMessage.from(message.content());
            case ASSISTANT -> AiMessage.from(message.content());
        };
    }

    private ChatCompletion toCompletion(ChatResponse response, ModelRequest request) {
        TokenUsage usage = response.tokenUsage();
        String model = response.modelName() != null ? response.modelName() : request.model();
        String finish = response.finishReason() == null
                ? null
                : response.finishReason().name().toLowerCase();
        String text = response.aiMessage() == null || response.aiMessage().text() == null
                ? ""
                : response.aiMessage().text();
        return new ChatCompletion(
                text,
                model,
                name,
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(),
                finish,
                Map.of("responder", "model"));
    }
}
