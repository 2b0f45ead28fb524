package com.tickets.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of every {@code waitlist.events} event (WaitlistJoined, WaitlistLeft, WaitlistOfferMade,
 * WaitlistOfferExpiring, WaitlistOfferClaimed, WaitlistOfferExpired): the entry as it is after the change,
 * with the names a mail or a dashboard needs.
 *
 * <ul>
 *   <li>{@code status}: WAITING, OFFERED, CLAIMED, EXPIRED, LEFT or CLOSED (the concert was cancelled or its
 *       sales closed while the entry waited);</li>
 *   <li>{@code offerExpiresAt}: when the offer's window closes (null before an offer);</li>
 *   <li>{@code bookingId}: the booking a claim made (null otherwise);</li>
 *   <li>{@code unitPrice}, {@code currency}: the tier's price when the event was written;</li>
 *   <li>{@code location}, {@code timeZone}: the venue and its IANA zone, for dates in the venue's time.</li>
 * </ul>
 *
 * It carries no secret: the mailer derives the offer's claim token from {@code entryId}
 * ({@link com.tickets.events.signing.BuyerTokens#waitlistOfferToken}).
 */
public record WaitlistData(UUID entryId, UUID concertId, String concertName, Instant concertDate, String location,
                           String timeZone, UUID ticketTierId, String tierName, String userEmail, int quantity,
                           BigDecimal unitPrice, String currency, String status, Instant joinedAt,
                           Instant offerExpiresAt, UUID bookingId, String organizer) {
}
