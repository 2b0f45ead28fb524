package com.tickets.api.waitlist;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The waitlist's JSON answers (docs/waitlist.md). */
public final class WaitlistView {

    private WaitlistView() {
    }

    /** An entry; {@code position} (1-based, among the entries still waiting) only while it waits. */
    public record Entry(UUID id, UUID ticketTierId, UUID concertId, String concertName, String tierName, int quantity,
                        WaitlistStatus status, Integer position, Instant joinedAt, Instant offerExpiresAt, UUID bookingId) {

        static Entry of(WaitlistEntry e, TierInfo tier, Integer position) {
            return new Entry(e.id(), e.tierId(), e.concertId(), tier.concertName(), tier.tierName(), e.quantity(), e.status(),
                    e.status() == WaitlistStatus.WAITING ? position : null, e.joinedAt(), e.offerExpiresAt(), e.bookingId());
        }
    }

    public record Joined(Entry entry, String accessToken) {
    }

    public record OneEntry(Entry entry) {
    }

    /** An offer as its claim page shows it, whatever its status. */
    public record Offer(UUID entryId, UUID concertId, String concertName, Instant concertDate, String location,
                        String timeZone, UUID ticketTierId, String tierName, int quantity, BigDecimal unitPrice,
                        BigDecimal totalPrice, String currency, WaitlistStatus status, Instant expiresAt, UUID bookingId) {

        static Offer of(WaitlistEntry e, TierInfo tier) {
            return new Offer(e.id(), tier.concertId(), tier.concertName(), tier.concertDate(), tier.location(),
                    tier.timeZone(), tier.tierId(), tier.tierName(), e.quantity(), tier.price(),
                    tier.price().multiply(BigDecimal.valueOf(e.quantity())), tier.currency(), e.status(),
                    e.offerExpiresAt(), e.bookingId());
        }
    }

    public record OneOffer(Offer offer) {
    }
}
