package com.tickets.api.concert;

import com.tickets.api.waitlist.WaitlistOffers;
import com.tickets.observability.Traceparents;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The only writer of {@code ticket_tiers.available_quantity}. Each change is one conditional
 * UPDATE, so the check and the write are one atomic step under the row lock: no read-then-write
 * race, and the table's CHECK constraint backs it up. Every change also appends its reason to
 * {@code inventory_audit}.
 *
 * <p>Bookings take tickets in batches on a plain JDBC connection ({@link #lockForBatch},
 * {@link #takeForBatch}); failed payments, applied in batches, give them back the same way
 * ({@link #giveBackForBatch}), and cancel and expiry one booking at a time ({@link #giveBack}).
 *
 * <p>Tickets that come back go to the tier's waitlist first ({@link WaitlistOffers}): those offered leave the
 * public availability for {@code offered_quantity}, held for their entries alone until the offer is claimed or
 * ends ({@link #returnOffers}). The public availability, the catalogue's and the live stream's, never counts them.
 */
@ApplicationScoped
public class Inventory {

    private final EntityManager em;
    private final AgroalDataSource db;
    private final SoldOutTiers soldOut;
    private final WaitlistOffers waitlist;

    Inventory(EntityManager em, AgroalDataSource db, SoldOutTiers soldOut, WaitlistOffers waitlist) {
        this.em = em;
        this.db = db;
        this.soldOut = soldOut;
        this.waitlist = waitlist;
    }

    /** Why availability changed, as recorded in the append-only {@code inventory_audit} table. */
    public enum Reason { BOOKED, CANCELLED, EXPIRED, PAYMENT_FAILED, OFFERED, OFFER_RETURNED }

    /**
     * A tier as a batch of bookings sees it, with its row locked until the batch's transaction ends, and its
     * concert's status and sales window ({@code salesOpenAt} null: open since publication; {@code salesCloseAt}
     * the concert's own close, or its start), and its venue and time zone, which its bookings' events carry.
     */
    public record LockedTier(UUID id, String name, BigDecimal price, String currency, int available, UUID concertId,
                             String concertName, Instant concertDate, String location, String timeZone,
                             ConcertStatus status, Instant salesOpenAt, Instant salesCloseAt, String organizer) {

        /** A published tier without a sales window of its own, in a UTC venue: on sale until the concert starts. */
        public LockedTier(UUID id, String name, BigDecimal price, String currency, int available, UUID concertId,
                          String concertName, Instant concertDate) {
            this(id, name, price, currency, available, concertId, concertName, concertDate, null, "UTC",
                    ConcertStatus.PUBLISHED, null, concertDate, "organizer");
        }

        public LockedTier withAvailable(int left) {
            return new LockedTier(id, name, price, currency, left, concertId, concertName, concertDate, location, timeZone,
                    status, salesOpenAt, salesCloseAt, organizer);
        }
    }

    /** One booking's take within a batch, and what it left. */
    public record Take(UUID bookingId, int quantity, int availableAfter) {
    }

    /** The tickets of one waitlist entry's offer leaving the offers' hold. */
    public record OfferReturn(UUID entryId, int quantity) {
    }

    /**
     * One booking's tickets going back to its tier within a batch, and the trace of what gave them back
     * (the waitlist offers they make carry it; null without one).
     */
    public record GiveBack(UUID tierId, UUID bookingId, int quantity, String traceparent) {

        /** Tickets given back by what runs on this thread now (a cancel's request): its trace, if any. */
        public GiveBack(UUID tierId, UUID bookingId, int quantity) {
            this(tierId, bookingId, quantity, Traceparents.current());
        }
    }

    /**
     * Locks the tier's row for the rest of the transaction on {@code c} and reads it: every later
     * decision of the batch is made against this value, which nobody else can change meanwhile.
     *
     * <p>The concert (its status and sales window) is read by a second statement, after the lock is
     * granted: a statement that waited for the row lock still sees the other rows it joins as they were
     * when it started, so a concert cancelled while this batch waited would look on sale. The organizer's
     * cancel holds every tier's row lock of the concert while it cancels the bookings, so a batch that
     * gets the lock after it reads the concert as cancelled, and one that got it before is cancelled by it.
     */
    public Optional<LockedTier> lockForBatch(Connection c, UUID tierId) throws SQLException {
        String name;
        BigDecimal price;
        String currency;
        int available;
        UUID concertId;
        try (var s = c.prepareStatement("""
                select name, price, currency, available_quantity, concert_id from ticket_tiers where id = ? for update""")) {
            s.setObject(1, tierId);
            try (var rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                name = rs.getString(1);
                price = rs.getBigDecimal(2);
                currency = rs.getString(3).trim();
                available = rs.getInt(4);
                concertId = rs.getObject(5, UUID.class);
            }
        }
        try (var s = c.prepareStatement("""
                select name, date, status, sales_open_at, coalesce(sales_close_at, date), organizer, location, time_zone
                from concerts where id = ?""")) {
            s.setObject(1, concertId);
            try (var rs = s.executeQuery()) {
                rs.next();
                OffsetDateTime opens = rs.getObject(4, OffsetDateTime.class);
                return Optional.of(new LockedTier(tierId, name, price, currency, available, concertId, rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(7), rs.getString(8),
                        ConcertStatus.valueOf(rs.getString(3)), opens == null ? null : opens.toInstant(),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6)));
            }
        }
    }

    /**
     * Takes the tickets of a whole batch with one conditional UPDATE and audits each booking's take.
     * The caller holds the row lock ({@link #lockForBatch}) and decided the takes against it; the
     * condition and the table's CHECK constraint still refuse anything that would oversell.
     */
    public void takeForBatch(Connection c, UUID tierId, List<Take> takes) throws SQLException {
        int total = takes.stream().mapToInt(Take::quantity).sum();
        try (var s = c.prepareStatement("""
                update ticket_tiers set available_quantity = available_quantity - ?
                where id = ? and available_quantity >= ?""")) {
            s.setInt(1, total);
            s.setObject(2, tierId);
            s.setInt(3, total);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("tier " + tierId + " changed under its row lock");
            }
        }
        try (var s = c.prepareStatement("""
                insert into inventory_audit (ticket_tier_id, delta, available_after, reason, booking_id, actor)
                select ?, -t.quantity, t.available_after, 'BOOKED', t.booking_id::uuid, 'buyer'
                from unnest(?::int[], ?::int[], ?::text[]) with ordinality as t(quantity, available_after, booking_id, ord)
                order by t.ord""")) {
            s.setObject(1, tierId);
            s.setArray(2, c.createArrayOf("int4", takes.stream().map(Take::quantity).toArray(Integer[]::new)));
            s.setArray(3, c.createArrayOf("int4", takes.stream().map(Take::availableAfter).toArray(Integer[]::new)));
            s.setArray(4, c.createArrayOf("text", takes.stream().map(t -> t.bookingId().toString()).toArray(String[]::new)));
            s.executeUpdate();
        }
    }

    /**
     * Gives back the tickets of a whole batch of bookings on {@code c}: one conditional UPDATE per tier
     * (in tier id order, so two such batches never wait for each other in a cycle), which also takes the
     * tier's row lock until the transaction ends, and ONE multi-row audit insert with every booking's
     * give-back and the availability after it, in list order. The tickets go to the tier's waitlist first
     * ({@link WaitlistOffers}); what no entry needs is on sale. Returns each tier's public availability after
     * the batch. A tier that cannot take the tickets back (it would hold more than its total) refuses the
     * batch with an exception.
     */
    public Map<UUID, Integer> giveBackForBatch(Connection c, List<GiveBack> gives, Reason reason, String actor)
            throws SQLException {
        Map<UUID, List<GiveBack>> byTier = new TreeMap<>();
        for (GiveBack g : gives) {
            byTier.computeIfAbsent(g.tierId(), t -> new ArrayList<>()).add(g);
        }
        Map<UUID, Integer> after = new LinkedHashMap<>();
        List<AuditRow> audit = new ArrayList<>();
        try (var s = c.prepareStatement("""
                update ticket_tiers set available_quantity = available_quantity + ?
                where id = ? and available_quantity + offered_quantity + ? <= total_quantity
                returning available_quantity""")) {
            for (var tier : byTier.entrySet()) {
                soldOut.ticketsReturned(tier.getKey());
                int total = tier.getValue().stream().mapToInt(GiveBack::quantity).sum();
                s.setInt(1, total);
                s.setObject(2, tier.getKey());
                s.setInt(3, total);
                int left;
                try (var rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("tier " + tier.getKey() + " cannot take back " + total + " tickets");
                    }
                    left = rs.getInt(1);
                }
                int running = left - total; // the UPDATE holds the row lock: nobody changed it in between
                for (GiveBack g : tier.getValue()) {
                    running += g.quantity();
                    audit.add(new AuditRow(g.tierId(), g.quantity(), running, reason, g.bookingId(), null, actor));
                }
                // the offers these tickets make are in the trace of the tier's last give-back
                try (Scope ignored = Traceparents.makeCurrent(tier.getValue().get(tier.getValue().size() - 1).traceparent())) {
                    after.put(tier.getKey(), offerToWaitlist(c, tier.getKey(), left, audit));
                }
            }
        }
        insertAudit(c, audit);
        return after;
    }

    /** Gives a booking's tickets back (cancel, expiry), waitlist first, and returns the public availability after. */
    public int giveBack(UUID tierId, int quantity, UUID bookingId, Reason reason, String actor) {
        try (Connection c = db.getConnection()) {
            return giveBackForBatch(c, List.of(new GiveBack(tierId, bookingId, quantity)), reason, actor).get(tierId);
        } catch (SQLException e) {
            throw new IllegalStateException("could not give back the tickets of booking " + bookingId, e);
        }
    }

    /**
     * Offers the tier's public tickets to its waitlist (after an organizer raised its total); the caller holds
     * the tier's row lock. Returns the public availability after the offers.
     */
    public int offerToWaitlist(Connection c, UUID tierId, int available) throws SQLException {
        List<AuditRow> audit = new ArrayList<>();
        int left = offerToWaitlist(c, tierId, available, audit);
        insertAudit(c, audit);
        return left;
    }

    /**
     * Ends offers' holds of one tier (claimed, expired, the entry left, the concert cancelled): their tickets go
     * back to the public availability, and with {@code offerAgain} straight on to the next waiting entries.
     * Takes the tier's row lock if the caller does not hold it yet. Returns the public availability after.
     */
    public int returnOffers(Connection c, UUID tierId, List<OfferReturn> returns, boolean offerAgain) throws SQLException {
        int total = returns.stream().mapToInt(OfferReturn::quantity).sum();
        if (total == 0) {
            return available(c, tierId);
        }
        int left;
        try (var s = c.prepareStatement("""
                update ticket_tiers set available_quantity = available_quantity + ?, offered_quantity = offered_quantity - ?
                where id = ? and offered_quantity >= ? returning available_quantity""")) {
            s.setInt(1, total);
            s.setInt(2, total);
            s.setObject(3, tierId);
            s.setInt(4, total);
            try (var rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("tier " + tierId + " does not hold " + total + " offered tickets");
                }
                left = rs.getInt(1);
            }
        }
        soldOut.ticketsReturned(tierId);
        List<AuditRow> audit = new ArrayList<>();
        int running = left - total;
        for (OfferReturn r : returns) {
            running += r.quantity();
            audit.add(new AuditRow(tierId, r.quantity(), running, Reason.OFFER_RETURNED, null, r.entryId(), "waitlist"));
        }
        if (offerAgain) {
            left = offerToWaitlist(c, tierId, left, audit);
        }
        insertAudit(c, audit);
        return left;
    }

    /** Moves what the waitlist takes of {@code available} into the offers' hold, with its audit rows. */
    private int offerToWaitlist(Connection c, UUID tierId, int available, List<AuditRow> audit) throws SQLException {
        List<WaitlistOffers.Offered> offered = waitlist.offer(c, tierId, available);
        if (offered.isEmpty()) {
            return available;
        }
        int total = offered.stream().mapToInt(WaitlistOffers.Offered::quantity).sum();
        try (var s = c.prepareStatement("""
                update ticket_tiers set available_quantity = available_quantity - ?, offered_quantity = offered_quantity + ?
                where id = ? and available_quantity = ?""")) {
            s.setInt(1, total);
            s.setInt(2, total);
            s.setObject(3, tierId);
            s.setInt(4, available);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("tier " + tierId + " changed under its row lock");
            }
        }
        int running = available;
        for (WaitlistOffers.Offered o : offered) {
            running -= o.quantity();
            audit.add(new AuditRow(tierId, -o.quantity(), running, Reason.OFFERED, null, o.entryId(), "waitlist"));
        }
        return running;
    }

    /** One row of {@code inventory_audit}: a change of the public availability and why. */
    private record AuditRow(UUID tierId, int delta, int availableAfter, Reason reason, UUID bookingId, UUID entryId,
                            String actor) {
    }

    private static void insertAudit(Connection c, List<AuditRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (var s = c.prepareStatement("""
                insert into inventory_audit (ticket_tier_id, delta, available_after, reason, booking_id, waitlist_entry_id,
                                             actor)
                select t.tier::uuid, t.delta, t.available_after, t.reason, t.booking_id::uuid, t.entry_id::uuid, t.actor
                from unnest(?::text[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                     as t(tier, delta, available_after, reason, booking_id, entry_id, actor, ord)
                order by t.ord""")) {
            s.setArray(1, c.createArrayOf("text", rows.stream().map(r -> r.tierId().toString()).toArray()));
            s.setArray(2, c.createArrayOf("int4", rows.stream().map(AuditRow::delta).toArray()));
            s.setArray(3, c.createArrayOf("int4", rows.stream().map(AuditRow::availableAfter).toArray()));
            s.setArray(4, c.createArrayOf("text", rows.stream().map(r -> r.reason().name()).toArray()));
            s.setArray(5, c.createArrayOf("text", rows.stream().map(r -> r.bookingId() == null ? null : r.bookingId().toString())
                    .toArray()));
            s.setArray(6, c.createArrayOf("text", rows.stream().map(r -> r.entryId() == null ? null : r.entryId().toString())
                    .toArray()));
            s.setArray(7, c.createArrayOf("text", rows.stream().map(AuditRow::actor).toArray()));
            s.executeUpdate();
        }
    }

    private static int available(Connection c, UUID tierId) throws SQLException {
        try (var s = c.prepareStatement("select available_quantity from ticket_tiers where id = ?")) {
            s.setObject(1, tierId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public int available(UUID tierId) {
        Number left = (Number) em.createNativeQuery("select available_quantity from ticket_tiers where id = ?1")
                .setParameter(1, tierId).getSingleResult();
        return left.intValue();
    }
}
