package com.tickets.api.booking;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read model of a booking row; rows are created in batches by {@link BookingBatchWriter} with a conditional insert. */
@Entity
@Table(name = "bookings")
public class Booking extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "ticket_tier_id")
    public UUID ticketTierId;
    @Column(name = "concert_id")
    public UUID concertId;
    @Column(name = "user_email")
    public String userEmail;
    public int quantity;
    @Column(name = "total_price")
    public BigDecimal totalPrice;
    public String currency;
    @Enumerated(EnumType.STRING)
    public BookingStatus status;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "request_fingerprint")
    public String requestFingerprint;
    @Column(name = "hold_expires_at")
    public Instant holdExpiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Set once, when a refund is first requested; guards against a second RefundRequested. */
    @Column(name = "refund_requested_at")
    public Instant refundRequestedAt;
    /** When the gateway confirmed the refund (RefundSucceeded). */
    @Column(name = "refunded_at")
    public Instant refundedAt;

    /** A booking as a buyer reads it: with the names of its show and tier. */
    public record Read(Booking booking, String tierName, String concertName, Instant concertDate) {
        public BookingView view() {
            return BookingView.of(booking, new BookingView.Show(concertName, tierName, concertDate));
        }
    }

    private static final String READ = """
            select new com.tickets.api.booking.Booking$Read(b, t.name, c.name, c.date)
            from Booking b, TicketTier t join t.concert c where t.id = b.ticketTierId""";

    public static Optional<Read> findRead(UUID id) {
        return getEntityManager().createQuery(READ + " and b.id = :id", Read.class).setParameter("id", id)
                .getResultStream().findFirst();
    }

    /** An e-mail's bookings, newest first. */
    public static List<Read> findByEmail(String email, int page, int size) {
        return getEntityManager().createQuery(READ + " and b.userEmail = :email order by b.createdAt desc, b.id", Read.class)
                .setParameter("email", email).setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public static long countByEmail(String email) {
        return count("userEmail", email);
    }
}
