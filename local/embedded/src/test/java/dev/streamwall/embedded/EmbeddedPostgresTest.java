package dev.streamwall.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

    @Test
    void jdbcUrlLogsInAsTheSuperuser() {
        assertThat(EmbeddedPostgres.jdbcUrl(5433, "pitwall"))
                .isEqualTo("jdbc:postgresql://localhost:5433/pitwall?user=postgres");
    }

    @Test
    void psqlCommandCanBePastedIntoAShell() {
        assertThat(EmbeddedPostgres.psqlCommand(5433, "pitwall"))
                .isEqualTo("psql -h localhost -p 5433 -U postgres pitwall");
    }

    @Test
    void databaseNamesNeedNoQuoting() {
        EmbeddedPostgres.checkDatabaseName("pitwall_test_1");

        assertThatThrownBy(() -> EmbeddedPostgres.checkDatabaseName("Pitwall"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedPostgres.checkDatabaseName("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedPostgres.checkDatabaseName("d".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
