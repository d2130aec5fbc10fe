package dev.panthera.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.support.TestProperties;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

class EphemeralStoreConfigTest {

    static PantheraProperties withRedisUrl(String redisUrl) {
        return redisUrl == null
                ? TestProperties.defaults()
                : TestProperties.of(java.util.Map.of("panthera.redis-url", redisUrl));
    }

    @Test
    void blankUrlMeansInProcess() throws Exception {
        for (String url : new String[] {null, "", "  "}) {
            EphemeralStore store = new EphemeralStoreConfig().ephemeralStore(withRedisUrl(url));
            assertThat(store).isInstanceOf(InProcessEphemeralStore.class);
            ((AutoCloseable) store).close();
            assertThat(new EphemeralStoreConfig().messageBus(withRedisUrl(url)))
                    .isInstanceOf(InProcessMessageBus.class);
        }
    }

    @Test
    void describedWithoutCredentials() {
        assertThat(EphemeralStoreConfig.describe(RedisURI.create("redis://panthera:s3cret@cache.internal:6380/2")))
                .isEqualTo("redis://cache.internal:6380/2")
                .doesNotContain("s3cret");
        assertThat(EphemeralStoreConfig.describe(RedisURI.create("rediss://:s3cret@cache:6379")))
                .isEqualTo("rediss://cache:6379/0");
    }

    @Test
    void busChannelsOfDifferentDatabasesStayApart() {
        assertThat(EphemeralStoreConfig.busPrefix(RedisURI.create("redis://cache:6379/2")))
                .isEqualTo("panthera:bus:2:");
        assertThat(EphemeralStoreConfig.busPrefix(RedisURI.create("redis://cache:6379")))
                .isEqualTo("panthera:bus:0:");
    }
}
