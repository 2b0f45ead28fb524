package com.tickets.api.ticket;

/**
 * What a ticket code means at the door, as a pure rule over its booking's state: only a confirmed
 * booking admits; a booking that was cancelled (by the buyer, or expired with a late payment) no
 * longer does, and says whether its money went back.
 */
public enum DoorCheck {
    VALID, CANCELLED, REFUNDED, UNKNOWN;

    public static DoorCheck of(TicketCodeBook.Ticket ticket) {
        if (ticket == null) {
            return UNKNOWN;
        }
        if ("CONFIRMED".equals(ticket.bookingStatus())) {
            return VALID;
        }
        return ticket.refundRequestedAt() != null || ticket.refundedAt() != null ? REFUNDED : CANCELLED;
    }
}
