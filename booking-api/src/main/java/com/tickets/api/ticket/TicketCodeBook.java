package com.tickets.api.ticket;

import com.tickets.events.signing.TicketCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static com.tickets.api.sql.SqlColumns.instant;
import static com.tickets.api.sql.SqlColumns.rows;

/**
 * The ticket codes of confirmed bookings ({@code ticket_codes}). They are the codes the
 * notification-worker mails (same key, same {@link TicketCodes} function); kept here so the door can
 * look one up. Whether a code admits is decided from its booking's state at the moment of the check.
 */
@ApplicationScoped
public class TicketCodeBook {

    private final EntityManager em;
    private final TicketCodes codes;

    TicketCodeBook(EntityManager em, @ConfigProperty(name = "booking.ticket-code.secret") String secret) {
        this.em = em;
        this.codes = new TicketCodes(secret);
    }

    /** Records the codes of a booking that has just been confirmed, in the confirming transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void issue(UUID bookingId, int quantity) {
        var all = codes.of(bookingId, quantity);
        em.createNativeQuery("""
                        insert into ticket_codes (code, booking_id, ticket_number)
                        select c.code, ?2, c.n from unnest(cast(?1 as text[])) with ordinality as c(code, n)
                        on conflict do nothing""")
                .setParameter(1, all.toArray(String[]::new)).setParameter(2, bookingId).executeUpdate();
    }

    /** What the door sees for a scanned code. */
    public record Ticket(String code, int ticketNumber, UUID bookingId, String bookingStatus, Instant refundRequestedAt,
                         Instant refundedAt, String concertName, Instant concertDate, String tierName, int quantity) {
    }

    @Transactional
    public Optional<Ticket> find(String typedCode) {
        String code = TicketCodes.normalize(typedCode);
        return rows(em.createNativeQuery("""
                        select k.code, k.ticket_number, b.id, b.status, b.refund_requested_at, b.refunded_at,
                               c.name, c.date, t.name, b.quantity
                        from ticket_codes k join bookings b on b.id = k.booking_id
                        join ticket_tiers t on t.id = b.ticket_tier_id join concerts c on c.id = t.concert_id
                        where k.code = ?1""", Object[].class)
                .setParameter(1, code)).findFirst()
                .map(r -> new Ticket((String) r[0], ((Number) r[1]).intValue(), (UUID) r[2], (String) r[3], instant(r[4]),
                        instant(r[5]), (String) r[6], instant(r[7]), (String) r[8], ((Number) r[9]).intValue()));
    }
}
