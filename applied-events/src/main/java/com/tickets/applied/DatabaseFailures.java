package com.tickets.applied;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a database that is away from a database that refuses rows, whatever wraps the failure (a
 * JTA transaction wraps checked exceptions, the batchers' futures wrap everything). The two call for
 * opposite answers: away means "try again later, all of it" (503, retry the batch), refused means
 * "this record or request is at fault" (split it out).
 */
public final class DatabaseFailures {

    /**
     * SQLSTATE classes of a database refusing rows: data exceptions, integrity constraint violations,
     * PL/pgSQL's RAISE (triggers), WITH CHECK OPTION violations.
     */
    private static final Set<String> REFUSALS = Set.of("22", "23", "P0", "44");

    private DatabaseFailures() {
    }

    /** The first SQLException in the cause chain. */
    public static Optional<SQLException> sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether the database refused the rows (a constraint, a trigger, bad data), as opposed to being away. */
    public static boolean refusesRows(Throwable failure) {
        return sqlCause(failure).map(s -> s.getSQLState() != null && s.getSQLState().length() >= 2
                && REFUSALS.contains(s.getSQLState().substring(0, 2))).orElse(false);
    }

    /**
     * Whether the database is away or out of connections: an SQLException outside the refusal classes
     * (connection errors, shutdown, serialization failures, deadlocks) or without a SQLSTATE (the
     * pool's acquisition timeout, the driver's I/O), or a commit whose outcome the transaction
     * manager could not get.
     */
    public static boolean isAway(Throwable failure) {
        Optional<SQLException> sql = sqlCause(failure);
        if (sql.isPresent()) {
            return !refusesRows(failure);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RollbackException || t instanceof HeuristicMixedException
                    || t instanceof HeuristicRollbackException || t instanceof SystemException) {
                return true;
            }
        }
        return false;
    }
}
