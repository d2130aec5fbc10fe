package dev.panthera.platform.cache;

import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.MessageBus;
import dev.panthera.shared.PantheraProperties;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Chooses the one {@link EphemeralStore} and the one {@link MessageBus}: Redis when {@code
 * panthera.redis-url} is set (needed as soon as more than one node runs), else in-process. Spring
 * closes them on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class EphemeralStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(EphemeralStoreConfig.class);

    /** Keys of every Panthera node share this prefix, so the database can hold other data too. */
    static final String KEY_PREFIX = "panthera:";

    /**
     * Redis pub/sub channels of the bus: {@code panthera:bus:<database>:<topic>}. Pub/sub ignores the
     * database number, so it goes in the name: deployments sharing a Redis server on different
     * databases, as their keys do, stay apart.
     */
    static String busPrefix(RedisURI uri) {
        return KEY_PREFIX + "bus:" + uri.getDatabase() + ":";
    }

    /** A request must not hang for Lettuce's 60 s default when Redis is unreachable. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    /** Both stores are {@link AutoCloseable}, so Spring's inferred destroy method closes them. */
    @Bean
    EphemeralStore ephemeralStore(PantheraProperties properties) {
        RedisURI uri = redisUri(properties);
        if (uri == null) {
            log.info("Ephemeral store: in-process (set panthera.redis-url when more than one node runs)");
            return new InProcessEphemeralStore(Duration.ofSeconds(30));
        }
        log.info("Ephemeral store: Redis at {}", describe(uri));
        return new RedisEphemeralStore(uri, KEY_PREFIX);
    }

    /** What one node publishes for the others (WebSocket channels); Redis pub/sub or nothing. */
    @Bean
    MessageBus messageBus(PantheraProperties properties) {
        RedisURI uri = redisUri(properties);
        if (uri == null) {
            return new InProcessMessageBus();
        }
        log.info("Message bus: Redis pub/sub at {}", describe(uri));
        return new RedisMessageBus(uri, busPrefix(uri));
    }

    /** {@code panthera.redis-url} with a short command timeout unless it names one; null when unset. */
    static RedisURI redisUri(PantheraProperties properties) {
        String url = properties.redisUrl();
        if (!StringUtils.hasText(url)) {
            return null;
        }
        RedisURI uri = RedisURI.create(url.strip());
        if (RedisURI.DEFAULT_TIMEOUT_DURATION.equals(uri.getTimeout())) {
            uri.setTimeout(COMMAND_TIMEOUT);
        }
        return uri;
    }

    /** Where the store lives, without user name or password. */
    static String describe(RedisURI uri) {
        if (uri.getHost() == null) {
            return uri.getSocket() != null ? "a unix socket" : "sentinels";
        }
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }
}
