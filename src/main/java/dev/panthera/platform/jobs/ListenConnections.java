package dev.panthera.platform.jobs;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Where a {@link JobListener} gets its connection: a new one to the pool's database, outside the
 * pool, because a LISTENing session is held for the life of the node and must not shrink the pool
 * nor be handed to a request with its subscription still on.
 */
final class ListenConnections {

    private ListenConnections() {}

    static JobListener.Connections of(DataSource dataSource) {
        HikariDataSource hikari = hikari(dataSource);
        if (hikari == null) {
            // not a pool we can read the location of (a test's data source): borrow one and keep it
            return dataSource::getConnection;
        }
        return () -> {
            Properties props = new Properties();
            if (hikari.getUsername() != null) {
                props.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                props.setProperty("password", hikari.getPassword());
            }
            props.setProperty("ApplicationName", "panthera-jobs-listener");
            props.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(hikari.getJdbcUrl(), props);
        };
    }

    private static HikariDataSource hikari(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource h) {
            return h;
        }
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
