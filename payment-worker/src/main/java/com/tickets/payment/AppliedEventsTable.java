package com.tickets.payment;

import com.tickets.applied.AppliedEvents;
import com.tickets.applied.AppliedEvents.Applied;
import io.agroal.api.AgroalDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The booking events this worker has finished with ({@link AppliedEvents}). Not in a transaction with
 * anything: a charge's outcome is recorded after the gateway answered and the outcome was published,
 * and no transaction can span a gateway call. The records of many in-flight events share one
 * statement and one commit ({@link GroupCommit}).
 */
@ApplicationScoped
public class AppliedEventsTable {

    private final AgroalDataSource db;
    private final GroupCommit<Applied, Boolean> records = new GroupCommit<>(this::recordAll, 500, 2);

    AppliedEventsTable(AgroalDataSource db) {
        this.db = db;
    }

    public boolean contains(UUID eventId) {
        try (Connection c = db.getConnection()) {
            return AppliedEvents.isApplied(c, eventId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records the event as finished with; completes once its batch is committed ({@link GroupCommit}). */
    public Uni<Void> record(UUID eventId, String type, String outcome) {
        return records.submit(new Applied(eventId, type, outcome)).replaceWithVoid();
    }

    private List<Boolean> recordAll(List<Applied> batch) throws SQLException {
        try (Connection c = db.getConnection()) {
            Set<UUID> fresh = AppliedEvents.recordNew(c, batch);
            return batch.stream().map(a -> fresh.contains(a.eventId())).toList();
        }
    }
}
