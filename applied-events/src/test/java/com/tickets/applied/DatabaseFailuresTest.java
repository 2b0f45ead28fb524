package com.tickets.applied;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures wait for the database (the whole batch is retried, a booking answered 503) and which
 * refuse one record (it alone is dead-lettered, a booking written alone). Taking an outage for a refusal would dead-letter good payments, so anything
 * not known to be a refusal is an outage.
 */
class DatabaseFailuresTest {

    @Test
    void aLostConnectionARestartAnEmptyPoolADeadlockAreTheDatabaseAway() {
        assertThat(DatabaseFailures.isAway(new SQLException("connection lost", "08006"))).isTrue();
        assertThat(DatabaseFailures.isAway(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(DatabaseFailures.isAway(new SQLTransientConnectionException("Acquisition timeout"))).isTrue();
        assertThat(DatabaseFailures.isAway(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(DatabaseFailures.isAway(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(DatabaseFailures.isAway(new IllegalStateException("wrapped",
                new SQLException("too many connections", "53300")))).isTrue();
    }

    @Test
    void aCommitWhoseOutcomeTheTransactionManagerCouldNotGetIsTheDatabaseAway() {
        assertThat(DatabaseFailures.isAway(new RuntimeException("a transaction wrapper, as QuarkusTransactionException", 
                new jakarta.transaction.RollbackException("commit failed")))).isTrue();
        assertThat(DatabaseFailures.isAway(new RuntimeException("a transaction wrapper, as QuarkusTransactionException", 
                new SQLException("connection lost", "08006")))).isTrue();
    }

    @Test
    void constraintsTriggersAndBadDataAreRefusals() {
        assertThat(DatabaseFailures.isAway(new SQLException("check constraint", "23514"))).isFalse();
        assertThat(DatabaseFailures.isAway(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseFailures.isAway(new SQLException("raised by a trigger", "P0001"))).isFalse();
        assertThat(DatabaseFailures.isAway(new SQLException("value too long", "22001"))).isFalse();
        assertThat(DatabaseFailures.isAway(new IllegalStateException("tier cannot take back 3 tickets"))).isFalse();
        assertThat(DatabaseFailures.isAway(new UncheckedIOException(new java.io.IOException("bad data")))).isFalse();
        assertThat(DatabaseFailures.refusesRows(new RuntimeException("a transaction wrapper, as QuarkusTransactionException", 
                new SQLException("check constraint", "23514")))).isTrue();
    }
}
