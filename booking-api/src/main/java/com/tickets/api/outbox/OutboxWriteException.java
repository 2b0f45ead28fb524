package com.tickets.api.outbox;

import java.sql.SQLException;

/** The outbox rows could not be written; the transaction they belong to is rolled back. The SQLException is its cause. */
public class OutboxWriteException extends RuntimeException {
    OutboxWriteException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
