package com.tickets.api.waitlist;

import com.tickets.api.outbox.Outbox;
import com.tickets.events.EventTypes;
import com.tickets.events.WaitlistData;

import java.time.Instant;

/** The {@code waitlist.events} outbox entries: the entry as it is after the change, keyed by its id. */
final class WaitlistEvents {

    private WaitlistEvents() {
    }

    static Outbox.Entry of(String type, WaitlistEntry e, TierInfo tier, Instant at) {
        WaitlistData data = new WaitlistData(e.id(), tier.concertId(), tier.concertName(), tier.concertDate(), tier.location(),
                tier.timeZone(), tier.tierId(), tier.tierName(), e.userEmail(), e.quantity(), tier.price(), tier.currency(),
                e.status().name(), e.joinedAt(), e.offerExpiresAt(), e.bookingId(), tier.organizer());
        return new Outbox.Entry(EventTypes.AGGREGATE_WAITLIST_ENTRY, e.id().toString(), type, e.idempotencyKey(), data, at);
    }

    static WaitlistEntry with(WaitlistEntry e, WaitlistStatus status) {
        return new WaitlistEntry(e.id(), e.tierId(), e.concertId(), e.userEmail(), e.quantity(), status, e.joinedSeq(),
                e.idempotencyKey(), e.fingerprint(), e.joinedAt(), e.offeredAt(), e.offerExpiresAt(), e.bookingId());
    }

    static WaitlistEntry offered(WaitlistEntry e, Instant at, Instant expiresAt) {
        return new WaitlistEntry(e.id(), e.tierId(), e.concertId(), e.userEmail(), e.quantity(), WaitlistStatus.OFFERED,
                e.joinedSeq(), e.idempotencyKey(), e.fingerprint(), e.joinedAt(), at, expiresAt, e.bookingId());
    }

    static WaitlistEntry claimed(WaitlistEntry e, java.util.UUID bookingId) {
        return new WaitlistEntry(e.id(), e.tierId(), e.concertId(), e.userEmail(), e.quantity(), WaitlistStatus.CLAIMED,
                e.joinedSeq(), e.idempotencyKey(), e.fingerprint(), e.joinedAt(), e.offeredAt(), e.offerExpiresAt(), bookingId);
    }
}
