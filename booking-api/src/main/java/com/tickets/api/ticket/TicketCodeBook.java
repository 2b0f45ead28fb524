package com.tickets.api.ticket;

import com.tickets.events.signing.TicketCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static com.tickets.api.sql.SqlColumns.instant;
import static com.tickets.api.sql.SqlColumns.rows;

/**
 * Looks up the ticket codes of confirmed bookings ({@code ticket_codes}, written with the confirmation
 * by the payment package's OutcomeBatchWriter). They are the codes the notification-worker mails (same
 * key, same {@link TicketCodes} function). Whether a code admits is decided from its booking's state
 * at the moment of the check.
 */
@ApplicationScoped
public class TicketCodeBook {

    private final EntityManager em;

    TicketCodeBook(EntityManager em) {
        this.em = em;
    }

    /** What the door sees for a scanned code. */
    public record Ticket(String code, int ticketNumber, UUID bookingId, String bookingStatus, Instant refundRequestedAt,
                         Instant refundedAt, String concertName, Instant concertDate, String tierName, int quantity) {
    }

    /** The ticket of a code, if it is one of a concert {@code organizer} runs: the door of one show cannot read another's. */
    @Transactional
    public Optional<Ticket> find(String typedCode, String organizer) {
        String code = TicketCodes.normalize(typedCode);
        return rows(em.createNativeQuery("""
                        select k.code, k.ticket_number, b.id, b.status, b.refund_requested_at, b.refunded_at,
                               c.name, c.date, t.name, b.quantity
                        from ticket_codes k join bookings b on b.id = k.booking_id
                        join ticket_tiers t on t.id = b.ticket_tier_id join concerts c on c.id = t.concert_id
                        where k.code = ?1 and c.organizer = ?2""", Object[].class)
                .setParameter(1, code).setParameter(2, organizer)).findFirst()
                .map(r -> new Ticket((String) r[0], ((Number) r[1]).intValue(), (UUID) r[2], (String) r[3], instant(r[4]),
                        instant(r[5]), (String) r[6], instant(r[7]), (String) r[8], ((Number) r[9]).intValue()));
    }
}
