package com.tickets.api.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code GET /api/organizer/tickets/{code}}: the door scans a code and learns whether it admits.
 * Organizers only: to anyone else a code's state would tell whether a booking was cancelled.
 * An unknown code is a 200 with {@code "status": "unknown"} (the scanner shows it like any other
 * refusal), not a 404 that a scanner would report as a fault. A code of a concert another organizer
 * runs is unknown too: at one show's door it admits nobody, and its state is that organizer's business.
 */
@Path("/api/organizer/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("organizer")
public class DoorCheckResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String code, String status, Integer ticketNumber, Integer ticketsInBooking, UUID bookingId,
                         String concertName, Instant concertDate, String tierName, Instant refundedAt) {
    }

    private final TicketCodeBook book;
    private final SecurityIdentity identity;

    DoorCheckResource(TicketCodeBook book, SecurityIdentity identity) {
        this.book = book;
        this.identity = identity;
    }

    @GET
    @Path("/{code}")
    public Answer check(@PathParam("code") String code) {
        if (code.length() > 64) {
            return new Answer(code.substring(0, 64), DoorCheck.UNKNOWN.name().toLowerCase(), null, null, null, null, null, null, null);
        }
        var ticket = book.find(code, identity.getPrincipal().getName());
        String status = DoorCheck.of(ticket.orElse(null)).name().toLowerCase();
        return ticket.map(t -> new Answer(t.code(), status, t.ticketNumber(), t.quantity(), t.bookingId(), t.concertName(),
                        t.concertDate(), t.tierName(), t.refundedAt()))
                .orElseGet(() -> new Answer(code, status, null, null, null, null, null, null, null));
    }
}
