package dev.panthera.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.PantheraApplication;
import dev.panthera.support.TestEnvironment;
import java.net.Socket;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The zero-config path, always, whatever PANTHERA_TEST_DATABASE_URL says: a real PostgreSQL from
 * Maven Central binaries in the data dir, migrated by Flyway, kept across restarts, stopped on
 * shutdown.
 */
class EmbeddedDatabaseIT {

    @Test
    void startsMigratesKeepsDataAndStops() throws Exception {
        Path dataDir = TestEnvironment.newDataDir();
        int port;
        try (ConfigurableApplicationContext app = start(dataDir)) {
            DatabaseConfig.DatabaseServer server = app.getBean(DatabaseConfig.DatabaseServer.class);
            assertThat(server.embedded()).isNotNull();
            port = server.embedded().port();
            JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
            assertThat(jdbc.sql("select count(*) from flyway_schema_history where success")
                            .query(Integer.class)
                            .single())
                    .isGreaterThanOrEqualTo(1);
            assertThat(jdbc.sql("select current_setting('server_version_num')::int")
                            .query(Integer.class)
                            .single())
                    .isGreaterThanOrEqualTo(180000);
            jdbc.sql("create table probe (v text)").update();
            jdbc.sql("insert into probe values ('kept')").update();

            // a second Panthera on the same data dir is refused and leaves the running server alone
            assertThatThrownBy(() -> start(dataDir).close())
                    .hasStackTraceContaining("Another Panthera process is using the data dir");
            assertThat(jdbc.sql("select v from probe").query(String.class).single())
                    .isEqualTo("kept");
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                .as("the server stopped with the application")
                .isInstanceOf(java.io.IOException.class);

        try (ConfigurableApplicationContext app = start(dataDir)) {
            JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
            assertThat(jdbc.sql("select v from probe").query(String.class).single())
                    .isEqualTo("kept");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(PantheraApplication.class)
                .run(
                        "--panthera.data-dir=" + dataDir,
                        "--panthera.database-url=",
                        "--server.port=0",
                        "--spring.main.banner-mode=off");
    }
}
