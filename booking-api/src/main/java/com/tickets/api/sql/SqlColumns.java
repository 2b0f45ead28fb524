package com.tickets.api.sql;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.stream.Stream;

/** Typed values out of the {@code Object[]} rows of native queries. */
public final class SqlColumns {

    private SqlColumns() {
    }

    /** The rows of a native query that selects several columns. */
    public static Stream<Object[]> rows(jakarta.persistence.Query query) {
        Stream<?> rows = query.getResultStream();
        return rows.map(Object[].class::cast);
    }

    /** A {@code timestamptz} column, whichever Java type the driver and Hibernate chose for it; null stays null. */
    public static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (column instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return (Instant) column;
    }
}
