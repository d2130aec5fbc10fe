package dev.panthera.platform.cache;

import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.PantheraProperties;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Chooses the one {@link EphemeralStore}: Redis when {@code panthera.redis-url} is set (needed as
 * soon as more than one node runs), else the in-process map. Spring closes it on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class EphemeralStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(EphemeralStoreConfig.class);

    /** Keys of every Panthera node share this prefix, so the database can hold other data too. */
    static final String KEY_PREFIX = "panthera:";

    /** A request must not hang for Lettuce's 60 s default when Redis is unreachable. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    /** Both stores are {@link AutoCloseable}, so Spring's inferred destroy method closes them. */
    @Bean
    EphemeralStore ephemeralStore(PantheraProperties properties) {
        String url = properties.redisUrl();
        if (!StringUtils.hasText(url)) {
            log.info("Ephemeral store: in-process (set panthera.redis-url when more than one node runs)");
            return new InProcessEphemeralStore(Duration.ofSeconds(30));
        }
        RedisURI uri = RedisURI.create(url.strip());
        if (RedisURI.DEFAULT_TIMEOUT_DURATION.equals(uri.getTimeout())) {
            uri.setTimeout(COMMAND_TIMEOUT);
        }
        log.info("Ephemeral store: Redis at {}", describe(uri));
        return new RedisEphemeralStore(uri, KEY_PREFIX);
    }

    /** Where the store lives, without user name or password. */
    static String describe(RedisURI uri) {
        if (uri.getHost() == null) {
            return uri.getSocket() != null ? "a unix socket" : "sentinels";
        }
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }
}
