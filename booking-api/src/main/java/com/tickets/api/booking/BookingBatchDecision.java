package com.tickets.api.booking;

import com.tickets.api.concert.ConcertCancelledProblem;
import com.tickets.api.concert.ConcertStatus;
import com.tickets.api.concert.Inventory.LockedTier;
import com.tickets.api.idempotency.IdempotencyKeyReusedProblem;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.api.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules of one batch of booking requests for one tier, as a pure function: no SQL, no clock.
 * {@link BookingBatchWriter} locks the tier, looks the keys up, asks {@link #decide} and writes what
 * it answers.
 *
 * <p>Requests are decided in arrival order, each against what the previous ones left, exactly as if
 * they had come one by one:
 * <ol>
 *   <li>a key booked before (in an earlier batch, or earlier in this one) replays that booking when
 *       the request is the same, and is {@code 422 idempotency-key-reused} when it is not;</li>
 *   <li>an unknown tier, or a tier of a concert still in DRAFT, is {@code 404}; a cancelled concert is
 *       {@code 409 concert-cancelled}; before the sales window opens {@code 409 sales-not-open}, from its
 *       close (by default the show's start) on {@code 409 sales-closed} ({@link #offSale});</li>
 *   <li>a total or currency other than the tier's is {@code 422 price-mismatch};</li>
 *   <li>more tickets than are left is {@code 409 sold-out}: a later, smaller request may still fit;</li>
 *   <li>otherwise the request books its tickets at the tier's price.</li>
 * </ol>
 */
public final class BookingBatchDecision {

    private BookingBatchDecision() {
    }

    /** A request of the batch: its key, the fingerprint of its body, and what it asks for. */
    record Request(String key, String fingerprint, UUID tierId, int quantity, BigDecimal totalPrice, String currency) {
        static Request of(PendingBooking pending) {
            BookingCommand c = pending.command();
            return new Request(pending.key(), pending.fingerprint(), c.ticketTierId(), c.quantity(), c.totalPrice(), c.currency());
        }
    }

    /** What is decided for one request. */
    sealed interface Decision {
    }

    /** Books {@code quantity} tickets for {@code total}; the tier has {@code availableAfter} left. */
    record Book(int quantity, BigDecimal total, int availableAfter) implements Decision {
    }

    /** The key's booking from an earlier batch, answered again. */
    record ReplayEarlier(String key) implements Decision {
    }

    /** The booking decided for request {@code index} of this batch (same key, same request), answered again. */
    record ReplayInBatch(int index) implements Decision {
    }

    /** Refused, with the problem to answer. */
    record Refuse(ProblemException problem) implements Decision {
    }

    /**
     * Decides each request, in order.
     *
     * @param tierId  the batch's tier
     * @param tier    the tier as locked for the batch; empty when it does not exist
     * @param earlier the fingerprints of the keys of this batch already booked, by key
     * @param now     the time the batch is decided at
     * @return one decision per request, in the same order
     */
    static List<Decision> decide(UUID tierId, Optional<LockedTier> tier, Map<String, String> earlier, List<Request> requests,
                                 Instant now) {
        List<Decision> decisions = new ArrayList<>(requests.size());
        Map<String, Integer> bookedInBatch = new HashMap<>();
        int available = tier.map(LockedTier::available).orElse(0);
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            Integer sameKeyBefore = bookedInBatch.get(request.key());
            String earlierFingerprint = sameKeyBefore != null ? requests.get(sameKeyBefore).fingerprint()
                    : earlier.get(request.key());
            if (earlierFingerprint != null) {
                if (!earlierFingerprint.equals(request.fingerprint())) {
                    decisions.add(new Refuse(new IdempotencyKeyReusedProblem()));
                } else if (sameKeyBefore != null) {
                    decisions.add(new ReplayInBatch(sameKeyBefore));
                } else {
                    decisions.add(new ReplayEarlier(request.key()));
                }
                continue;
            }
            if (tier.isEmpty()) {
                decisions.add(new Refuse(new NotFoundProblem("ticket tier", tierId)));
                continue;
            }
            LockedTier t = tier.get();
            Optional<ProblemException> offSale = offSale(t, now);
            if (offSale.isPresent()) {
                decisions.add(new Refuse(offSale.get()));
                continue;
            }
            BigDecimal expectedTotal = t.price().multiply(BigDecimal.valueOf(request.quantity()));
            if (!t.currency().equals(request.currency()) || expectedTotal.compareTo(request.totalPrice()) != 0) {
                decisions.add(new Refuse(new PriceMismatchProblem(expectedTotal, t.currency())));
                continue;
            }
            if (request.quantity() > available) {
                decisions.add(new Refuse(new SoldOutProblem(tierId, request.quantity(), available)));
                continue;
            }
            available -= request.quantity();
            bookedInBatch.put(request.key(), i);
            decisions.add(new Book(request.quantity(), expectedTotal.setScale(2), available));
        }
        return decisions;
    }

    /**
     * Why nothing of this tier can be sold at {@code now}, if so. A draft's tier is "not found", like an
     * unknown id: a draft is the organizer's private business and its ids must not be probed.
     */
    public static Optional<ProblemException> offSale(UUID tierId, UUID concertId, ConcertStatus status, Instant salesOpenAt,
                                              Instant salesCloseAt, Instant now) {
        if (status == ConcertStatus.DRAFT) {
            return Optional.of(new NotFoundProblem("ticket tier", tierId));
        }
        if (status == ConcertStatus.CANCELLED) {
            return Optional.of(new ConcertCancelledProblem(concertId));
        }
        if (salesOpenAt != null && now.isBefore(salesOpenAt)) {
            return Optional.of(new SalesNotOpenProblem(tierId, salesOpenAt));
        }
        if (!now.isBefore(salesCloseAt)) {
            return Optional.of(new SalesClosedProblem(tierId, salesCloseAt));
        }
        return Optional.empty();
    }

    private static Optional<ProblemException> offSale(LockedTier t, Instant now) {
        return offSale(t.id(), t.concertId(), t.status(), t.salesOpenAt(), t.salesCloseAt(), now);
    }
}
