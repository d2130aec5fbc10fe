package dev.panthera.platform.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.panthera.shared.PantheraProperties;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One pooled DataSource: the server at {@code panthera.database-url}, or with none configured an
 * embedded PostgreSQL in the data dir, stopped after the pool closes on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    /** Either the embedded server (closed on shutdown) or just the configured location. */
    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(
            PantheraProperties properties,
            @Value("${panthera.embedded-postgres.port:0}") int port,
            @Value("${panthera.embedded-postgres.binaries:${java.io.tmpdir}/panthera-postgres}") Path binaries) {
        if (properties.databaseUrl() != null && !properties.databaseUrl().isBlank()) {
            DatabaseLocation location = DatabaseLocation.parse(properties.databaseUrl());
            log.info("Using PostgreSQL at {}", location.redacted());
            return new DatabaseServer(location, null);
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.start(properties.dataDir(), binaries, port);
        return new DatabaseServer(
                new DatabaseLocation(embedded.jdbcUrl(), EmbeddedPostgres.USER, embedded.password()), embedded);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseServer server, @Value("${panthera.database-pool-size:10}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("panthera");
        config.setJdbcUrl(server.location().jdbcUrl());
        if (server.location().user() != null) {
            config.setUsername(server.location().user());
        }
        if (server.location().password() != null) {
            config.setPassword(server.location().password());
        }
        config.setMaximumPoolSize(poolSize);
        return new HikariDataSource(config);
    }

    /** Holds the embedded server, if any, so it stops after the pool that uses it. */
    record DatabaseServer(DatabaseLocation location, EmbeddedPostgres embedded) implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }

        @Override
        public String toString() {
            return "DatabaseServer[" + location.redacted() + "]";
        }
    }
}
