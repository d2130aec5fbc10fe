package dev.panthera.support;

import dev.panthera.shared.PantheraProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link PantheraProperties} for unit tests, bound exactly as the application binds them: every
 * default applies, and a test names only what it changes (keys as in application.yml, e.g.
 * {@code panthera.public-url}), so new settings never break existing tests.
 */
public final class TestProperties {

    private TestProperties() {}

    public static PantheraProperties defaults() {
        return of(Map.of());
    }

    public static PantheraProperties of(Map<String, ?> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("panthera", PantheraProperties.class);
    }
}
