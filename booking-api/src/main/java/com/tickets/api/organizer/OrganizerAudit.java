package com.tickets.api.organizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of the append-only {@code organizer_audit} per change, in the change's own transaction: who, what,
 * the entity before and after as JSON (null before a creation), when. A trigger refuses UPDATE, DELETE and
 * TRUNCATE on the table.
 */
@ApplicationScoped
class OrganizerAudit {

    static final String CONCERT = "CONCERT";
    static final String TIER = "TICKET_TIER";

    private final OrganizerSql sql;
    private final ObjectMapper json;

    OrganizerAudit(OrganizerSql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    void record(Connection c, String organizer, String action, String entityType, UUID entityId, Object before,
                Object after, Instant at) throws SQLException {
        sql.audit(c, organizer, action, entityType, entityId, write(before), write(after), at);
    }

    private String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
