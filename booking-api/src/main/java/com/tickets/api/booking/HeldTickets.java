package com.tickets.api.booking;

import com.tickets.api.concert.Inventory.LockedTier;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Tickets held for one buyer outside the public availability (a waitlist offer), which a booking may take
 * instead of public ones. Both calls run in the booking's transaction, under the tier's row lock.
 */
public interface HeldTickets {

    /**
     * Hands the held tickets to this booking: they go back to the tier's availability for the booking to take
     * at once. Returns how many; refuses with a problem (the transaction rolls back) when the hold has ended.
     */
    int release(Connection c, LockedTier tier) throws SQLException;

    /** The booking took the tickets. */
    void booked(Connection c, UUID bookingId) throws SQLException;
}
