package dev.panthera.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseLocationTest {

    @Test
    void libpqUrlsBecomeJdbcWithCredentialsApart() {
        DatabaseLocation location =
                DatabaseLocation.parse("postgresql://pan%40thera:s3cr%2Ft@db.internal:6543/agents?sslmode=require");
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/agents?sslmode=require");
        assertThat(location.user()).isEqualTo("pan@thera");
        assertThat(location.password()).isEqualTo("s3cr/t");
        assertThat(location.toString()).doesNotContain("s3cr");
    }

    @Test
    void defaultsAndJdbcPassThrough() {
        assertThat(DatabaseLocation.parse("postgres://db").jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/postgres");
        DatabaseLocation jdbc = DatabaseLocation.parse("jdbc:postgresql://h/db?user=u&password=p");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?user=u&password=p");
        assertThat(jdbc.redacted()).isEqualTo("jdbc:postgresql://h/db?user=u&password=***");
    }

    @Test
    void otherSchemesAreRefusedClearly() {
        assertThatThrownBy(() -> DatabaseLocation.parse("mysql://h/db")).hasMessageContaining("panthera.database-url");
    }
}
