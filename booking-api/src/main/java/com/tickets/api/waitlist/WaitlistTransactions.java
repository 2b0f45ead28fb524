package com.tickets.api.waitlist;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The waitlist's one way to write: a JTA transaction of its own (booking-api's one transaction style), its
 * statements on the transaction's connection, which the inventory and the outbox writer share. A problem thrown
 * inside rolls it all back.
 */
@ApplicationScoped
class WaitlistTransactions {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final AgroalDataSource db;

    WaitlistTransactions(AgroalDataSource db) {
        this.db = db;
    }

    <T> T run(Work<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = db.getConnection()) {
                return work.run(c);
            }
        });
    }
}
