package dev.panthera.llm.internal;

import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelGateway;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import dev.panthera.llm.spi.ChatModelProvider;
import dev.panthera.llm.spi.ChatModelProviderSource;
import dev.panthera.shared.PantheraProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Routes each request to the provider configured for its model (else the default provider) and
 * runs it through that provider's {@link GuardedProvider}: breaker, retries, error mapping.
 */
@Service
class DefaultModelGateway implements ModelGateway {

    private final Map<String, GuardedProvider> byName = new LinkedHashMap<>();
    private final GuardedProvider fallback;

    DefaultModelGateway(
            PantheraProperties properties, List<ChatModelProvider> providers, List<ChatModelProviderSource> sources) {
        PantheraProperties.Llm llm = properties.llm();
        List<ChatModelProvider> all = new ArrayList<>(providers);
        sources.forEach(source -> all.addAll(source.providers()));
        for (ChatModelProvider provider : all) {
            if (byName.putIfAbsent(provider.name(), new GuardedProvider(provider, llm)) != null) {
                throw new IllegalStateException("Two model providers named '" + provider.name() + "'");
            }
        }
        fallback = byName.get(llm.defaultProvider());
        if (fallback == null) {
            throw new IllegalStateException("panthera.llm.default-provider '" + llm.defaultProvider()
                    + "' is not a configured provider; providers: " + byName.keySet());
        }
    }

    @Override
    public ChatCompletion complete(ModelRequest request) {
        return route(request.model()).complete(request);
    }

    @Override
    public StreamHandle stream(ModelRequest request, ModelStreamListener listener) {
        return route(request.model()).stream(request, listener);
    }

    /** The provider that lists the model, or the default one. */
    GuardedProvider route(String model) {
        return byName.values().stream()
                .filter(p -> p.provider().serves(model))
                .findFirst()
                .orElse(fallback);
    }
}
