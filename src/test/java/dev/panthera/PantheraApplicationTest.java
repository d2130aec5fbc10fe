package dev.panthera;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PantheraApplicationTest {

    static final String BUFSIZE = "jdk.httpclient.bufsize";
    static final String POOL = "jdk.httpclient.connectionPoolSize";

    final Properties saved = (Properties) System.getProperties().clone();

    @AfterEach
    void restore() {
        for (String name : new String[] {BUFSIZE, POOL}) {
            String was = saved.getProperty(name);
            if (was == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, was);
            }
        }
    }

    @Test
    void theHttpClientGetsSmallBuffersAndABoundedPoolUnlessTheCommandLineSaidOtherwise() {
        System.clearProperty(BUFSIZE);
        System.setProperty(POOL, "8");

        PantheraApplication.httpClientDefaults();

        assertThat(Map.of(BUFSIZE, System.getProperty(BUFSIZE), POOL, System.getProperty(POOL)))
                .containsEntry(BUFSIZE, PantheraApplication.HTTP_CLIENT_BUFSIZE)
                .containsEntry(POOL, "8");

        System.clearProperty(POOL);
        PantheraApplication.httpClientDefaults();
        assertThat(System.getProperty(POOL)).isEqualTo(PantheraApplication.HTTP_CLIENT_POOL_SIZE);
    }
}
