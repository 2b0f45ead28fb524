package com.tickets.api.booking;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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

    public static List<Booking> findByEmail(String email, int page, int size) {
        return find("userEmail", Sort.descending("createdAt").and("id"), email).page(Page.of(page, size)).list();
    }

    public static long countByEmail(String email) {
        return count("userEmail", email);
    }
}
