package com.tickets.analytics.projection;

import com.tickets.applied.AppliedEvents;
import com.tickets.applied.AppliedEvents.Applied;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Applies events to {@code booking_facts}, one row per booking, and to {@code waitlist_entries}, one
 * row per waitlist entry, a batch per transaction in two statements whatever the batch's size (three
 * when it holds both kinds): the event ids into {@code applied_events} (the shared
 * {@link AppliedEvents}), then one upsert of the changes of the events seen for the first time, one
 * per booking ({@link FactChange#foldByBooking}) or per entry ({@link WaitlistChange#foldByEntry}).
 *
 * <p>Each change is joined into its row (status only moves up {@link FactStatus}, timestamps keep
 * the earliest value, details are filled once), so reapplying an event is a no-op and the order of
 * arrival does not matter: a cancellation read before its confirmation still leaves the booking at
 * zero revenue. The recorded ids make a redelivery cheap to skip, but correctness does not depend on
 * them.
 */
@ApplicationScoped
public class BookingFacts {

    public enum Outcome { APPLIED, DUPLICATE, IGNORED }

    private final AgroalDataSource db;

    BookingFacts(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * Applies the events in one transaction and says what became of each, in the order given. An event
     * id given twice is applied once: its later copies are duplicates.
     *
     * @throws SQLException if the database refuses a row or cannot be reached; nothing is applied then
     */
    @Transactional(rollbackOn = SQLException.class)
    public List<Outcome> apply(List<ReadEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        try (Connection c = db.getConnection()) {
            // in id order, so that two transactions recording the same ids take their locks in one order
            List<Applied> ids = events.stream()
                    .map(e -> Applied.of(e.event().id(), e.event().type()))
                    .sorted(Comparator.comparing(a -> a.eventId().toString()))
                    .toList();
            Set<UUID> fresh = AppliedEvents.recordNew(c, ids);
            Set<UUID> appliedNow = new HashSet<>();
            List<Outcome> outcomes = new ArrayList<>(events.size());
            List<FactChange> changes = new ArrayList<>(events.size());
            List<WaitlistChange> waitlistChanges = new ArrayList<>();
            for (ReadEvent e : events) {
                if (!fresh.contains(e.event().id()) || !appliedNow.add(e.event().id())) {
                    outcomes.add(Outcome.DUPLICATE);
                } else if (e.change().isPresent()) {
                    changes.add(e.change().get());
                    outcomes.add(Outcome.APPLIED);
                } else if (e.waitlistChange().isPresent()) {
                    waitlistChanges.add(e.waitlistChange().get());
                    outcomes.add(Outcome.APPLIED);
                } else {
                    outcomes.add(Outcome.IGNORED);
                }
            }
            if (!changes.isEmpty()) {
                upsert(c, FactChange.foldByBooking(changes));
            }
            if (!waitlistChanges.isEmpty()) {
                upsertWaitlist(c, WaitlistChange.foldByEntry(waitlistChanges));
            }
            return outcomes;
        }
    }

    private static void upsert(Connection c, List<FactChange> changes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(BookingFactsSql.UPSERT_CHANGES)) {
            int column = 1;
            s.setArray(column++, texts(c, changes, ch -> ch.bookingId().toString()));
            s.setArray(column++, texts(c, changes, ch -> detail(ch, d -> d.concertId().toString())));
            s.setArray(column++, texts(c, changes, ch -> detail(ch, SaleDetails::concertName)));
            s.setArray(column++, texts(c, changes, ch -> detail(ch, d -> d.ticketTierId().toString())));
            s.setArray(column++, texts(c, changes, ch -> detail(ch, SaleDetails::tierName)));
            s.setArray(column++, texts(c, changes, ch -> detail(ch, d -> Integer.toString(d.quantity()))));
            s.setArray(column++, texts(c, changes, ch -> detail(ch, d -> plain(d.totalPrice()))));
            s.setArray(column++, texts(c, changes, ch -> detail(ch, SaleDetails::currency)));
            s.setArray(column++, texts(c, changes, ch -> ch.status().name()));
            s.setArray(column++, texts(c, changes, ch -> Integer.toString(ch.status().rank())));
            s.setArray(column++, texts(c, changes, ch -> instant(ch.confirmedAt())));
            s.setArray(column++, texts(c, changes, ch -> instant(ch.refundRequestedAt())));
            s.setArray(column++, texts(c, changes, ch -> instant(ch.refundedAt())));
            s.setArray(column, texts(c, changes, ch -> detail(ch, SaleDetails::organizer)));
            s.executeUpdate();
        }
    }

    private static void upsertWaitlist(Connection c, List<WaitlistChange> changes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(WaitlistEntriesSql.UPSERT_CHANGES)) {
            int column = 1;
            s.setArray(column++, texts(c, changes, ch -> ch.entryId().toString()));
            s.setArray(column++, texts(c, changes, ch -> ch.concertId().toString()));
            s.setArray(column++, texts(c, changes, ch -> ch.ticketTierId().toString()));
            s.setArray(column++, texts(c, changes, WaitlistChange::organizer));
            s.setArray(column++, texts(c, changes, ch -> Integer.toString(ch.quantity())));
            s.setArray(column++, texts(c, changes, ch -> instant(ch.namesAt())));
            s.setArray(column++, texts(c, changes, WaitlistChange::concertName));
            s.setArray(column++, texts(c, changes, WaitlistChange::tierName));
            s.setArray(column++, texts(c, changes, ch -> ch.status().name()));
            s.setArray(column++, texts(c, changes, ch -> Integer.toString(ch.status().rank())));
            s.setArray(column++, texts(c, changes, ch -> Boolean.toString(ch.offered())));
            s.setArray(column++, texts(c, changes, ch -> Boolean.toString(ch.claimed())));
            s.setArray(column++, texts(c, changes, ch -> Boolean.toString(ch.expired())));
            s.setArray(column, texts(c, changes, ch -> ch.bookingId() == null ? null : ch.bookingId().toString()));
            s.executeUpdate();
        }
    }

    private static <T> Array texts(Connection c, List<T> changes, Function<T, String> column) throws SQLException {
        return c.createArrayOf("text", changes.stream().map(column).toArray(String[]::new));
    }

    private static String detail(FactChange change, Function<SaleDetails, String> field) {
        return change.details() == null ? null : field.apply(change.details());
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Forgets every fact, waitlist entry and applied event id, for a rebuild from the start of the topics. */
    @Transactional
    public void clear() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(BookingFactsSql.CLEAR);
        }
    }
}
