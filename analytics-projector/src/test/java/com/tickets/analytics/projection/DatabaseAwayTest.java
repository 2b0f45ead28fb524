package com.tickets.analytics.projection;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counts as the database away (the batch is waited for) rather than refusing rows (the records
 * at fault go to the retry topics). The retry topics' own rules are tested in kafka-retries.
 */
class DatabaseAwayTest {

    @Test
    void theDatabaseIsAwayUnlessItRefusedTheRows() {
        assertThat(ProjectionApplier.databaseAway(new SQLException("too long", "22001"))).isFalse();
        assertThat(ProjectionApplier.databaseAway(new SQLException("duplicate", "23505"))).isFalse();
        assertThat(ProjectionApplier.databaseAway(new SQLException("trigger", "P0001"))).isFalse();
        assertThat(ProjectionApplier.databaseAway(new RuntimeException("our code failed on a record"))).isFalse();

        assertThat(ProjectionApplier.databaseAway(new SQLException("connection lost", "08006"))).isTrue();
        assertThat(ProjectionApplier.databaseAway(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(ProjectionApplier.databaseAway(new SQLTransientConnectionException("no connection from the pool")))
                .isTrue();
        assertThat(ProjectionApplier.databaseAway(new IllegalStateException(new SQLException("shutting down", "57P01"))))
                .isTrue();
    }
}
