package com.tickets.api.concert;

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
 * ({@link #giveBackForBatch}); cancel and expiry give them back through the transaction's
 * EntityManager ({@link #giveBack}).
 */
@ApplicationScoped
public class Inventory {

    private final EntityManager em;
    private final SoldOutTiers soldOut;

    Inventory(EntityManager em, SoldOutTiers soldOut) {
        this.em = em;
        this.soldOut = soldOut;
    }

    /** Why availability changed, as recorded in the append-only {@code inventory_audit} table. */
    public enum Reason { BOOKED, CANCELLED, EXPIRED, PAYMENT_FAILED }

    /**
     * A tier as a batch of bookings sees it, with its row locked until the batch's transaction ends, and its
     * concert's status and sales window ({@code salesOpenAt} null: open since publication; {@code salesCloseAt}
     * the concert's own close, or its start).
     */
    public record LockedTier(UUID id, String name, BigDecimal price, String currency, int available, UUID concertId,
                             String concertName, Instant concertDate, ConcertStatus status, Instant salesOpenAt,
                             Instant salesCloseAt, String organizer) {

        /** A published tier without a sales window of its own: on sale until the concert starts. */
        public LockedTier(UUID id, String name, BigDecimal price, String currency, int available, UUID concertId,
                          String concertName, Instant concertDate) {
            this(id, name, price, currency, available, concertId, concertName, concertDate, ConcertStatus.PUBLISHED, null,
                    concertDate, "organizer");
        }

        public LockedTier withAvailable(int left) {
            return new LockedTier(id, name, price, currency, left, concertId, concertName, concertDate, status, salesOpenAt,
                    salesCloseAt, organizer);
        }
    }

    /** One booking's take within a batch, and what it left. */
    public record Take(UUID bookingId, int quantity, int availableAfter) {
    }

    /** One booking's tickets going back to its tier within a batch. */
    public record GiveBack(UUID tierId, UUID bookingId, int quantity) {
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
                select name, date, status, sales_open_at, coalesce(sales_close_at, date), organizer from concerts where id = ?""")) {
            s.setObject(1, concertId);
            try (var rs = s.executeQuery()) {
                rs.next();
                OffsetDateTime opens = rs.getObject(4, OffsetDateTime.class);
                return Optional.of(new LockedTier(tierId, name, price, currency, available, concertId, rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), ConcertStatus.valueOf(rs.getString(3)),
                        opens == null ? null : opens.toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getString(6)));
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
     * give-back and the availability after it, in list order. Returns each tier's availability after
     * the batch. A tier that cannot take the tickets back (it would hold more than its total) refuses
     * the batch with an exception.
     */
    public Map<UUID, Integer> giveBackForBatch(Connection c, List<GiveBack> gives, Reason reason, String actor)
            throws SQLException {
        Map<UUID, List<GiveBack>> byTier = new TreeMap<>();
        for (GiveBack g : gives) {
            byTier.computeIfAbsent(g.tierId(), t -> new ArrayList<>()).add(g);
        }
        Map<UUID, Integer> after = new LinkedHashMap<>();
        List<String> tiers = new ArrayList<>();
        List<Integer> deltas = new ArrayList<>();
        List<Integer> availableAfter = new ArrayList<>();
        List<String> bookings = new ArrayList<>();
        try (var s = c.prepareStatement("""
                update ticket_tiers set available_quantity = available_quantity + ?
                where id = ? and available_quantity + ? <= total_quantity
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
                    tiers.add(g.tierId().toString());
                    deltas.add(g.quantity());
                    availableAfter.add(running);
                    bookings.add(g.bookingId().toString());
                }
                after.put(tier.getKey(), left);
            }
        }
        if (!tiers.isEmpty()) {
            try (var s = c.prepareStatement("""
                    insert into inventory_audit (ticket_tier_id, delta, available_after, reason, booking_id, actor)
                    select t.tier::uuid, t.delta, t.available_after, ?, t.booking_id::uuid, ?
                    from unnest(?::text[], ?::int[], ?::int[], ?::text[]) with ordinality
                         as t(tier, delta, available_after, booking_id, ord)
                    order by t.ord""")) {
                s.setString(1, reason.name());
                s.setString(2, actor);
                s.setArray(3, c.createArrayOf("text", tiers.toArray(String[]::new)));
                s.setArray(4, c.createArrayOf("int4", deltas.toArray(Integer[]::new)));
                s.setArray(5, c.createArrayOf("int4", availableAfter.toArray(Integer[]::new)));
                s.setArray(6, c.createArrayOf("text", bookings.toArray(String[]::new)));
                s.executeUpdate();
            }
        }
        return after;
    }

    /** Gives a booking's tickets back (cancel, expiry) and returns the quantity now available. */
    public int giveBack(UUID tierId, int quantity, UUID bookingId, Reason reason, String actor) {
        soldOut.ticketsReturned(tierId);
        Number left = (Number) em.createNativeQuery("""
                        update ticket_tiers set available_quantity = available_quantity + ?1
                        where id = ?2 returning available_quantity""")
                .setParameter(1, quantity).setParameter(2, tierId).getSingleResult();
        audit(tierId, quantity, left.intValue(), reason, bookingId, actor);
        return left.intValue();
    }

    private void audit(UUID tierId, int delta, int availableAfter, Reason reason, UUID bookingId, String actor) {
        em.createNativeQuery("""
                        insert into inventory_audit (ticket_tier_id, delta, available_after, reason, booking_id, actor)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, tierId).setParameter(2, delta).setParameter(3, availableAfter)
                .setParameter(4, reason.name()).setParameter(5, bookingId).setParameter(6, actor).executeUpdate();
    }

    public int available(UUID tierId) {
        Number left = (Number) em.createNativeQuery("select available_quantity from ticket_tiers where id = ?1")
                .setParameter(1, tierId).getSingleResult();
        return left.intValue();
    }
}
