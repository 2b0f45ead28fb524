package com.tickets.api.organizer;

import com.tickets.applied.DatabaseFailures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * The organizer routes' one way to write: a JTA transaction of its own (booking-api's one transaction style),
 * its statements on the transaction's connection, which the outbox writer shares. A problem thrown inside rolls
 * it all back: nothing of a refused request is written.
 */
@ApplicationScoped
class OrganizerTransactions {

    /** Deadlock, serialization failure: nothing was written, the same transaction may simply run again. */
    private static final Set<String> TRY_AGAIN = Set.of("40P01", "40001");
    private static final int ATTEMPTS = 3;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final AgroalDataSource db;

    OrganizerTransactions(AgroalDataSource db) {
        this.db = db;
    }

    <T> T run(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    try (Connection c = db.getConnection()) {
                        return work.run(c);
                    }
                });
            } catch (RuntimeException e) {
                boolean again = DatabaseFailures.sqlCause(e).map(SQLException::getSQLState).filter(TRY_AGAIN::contains)
                        .isPresent();
                if (!again || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
