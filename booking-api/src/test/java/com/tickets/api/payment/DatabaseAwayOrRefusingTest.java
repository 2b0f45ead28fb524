package com.tickets.api.payment;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures wait for the database (the whole batch is retried) and which refuse one record (it
 * alone is dead-lettered). Taking an outage for a refusal would dead-letter good payments, so anything
 * not known to be a refusal is an outage.
 */
class DatabaseAwayOrRefusingTest {

    @Test
    void aLostConnectionARestartAnEmptyPoolADeadlockAreTheDatabaseAway() {
        assertThat(PaymentOutcomeApplier.databaseAway(new SQLException("connection lost", "08006"))).isTrue();
        assertThat(PaymentOutcomeApplier.databaseAway(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(PaymentOutcomeApplier.databaseAway(new SQLTransientConnectionException("Acquisition timeout"))).isTrue();
        assertThat(PaymentOutcomeApplier.databaseAway(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(PaymentOutcomeApplier.databaseAway(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(PaymentOutcomeApplier.databaseAway(new IllegalStateException("wrapped",
                new SQLException("too many connections", "53300")))).isTrue();
    }

    @Test
    void constraintsTriggersAndBadDataAreRefusals() {
        assertThat(PaymentOutcomeApplier.databaseAway(new SQLException("check constraint", "23514"))).isFalse();
        assertThat(PaymentOutcomeApplier.databaseAway(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(PaymentOutcomeApplier.databaseAway(new SQLException("raised by a trigger", "P0001"))).isFalse();
        assertThat(PaymentOutcomeApplier.databaseAway(new SQLException("value too long", "22001"))).isFalse();
        assertThat(PaymentOutcomeApplier.databaseAway(new IllegalStateException("tier cannot take back 3 tickets"))).isFalse();
        assertThat(PaymentOutcomeApplier.databaseAway(new UncheckedIOException(new java.io.IOException("bad data")))).isFalse();
    }
}
