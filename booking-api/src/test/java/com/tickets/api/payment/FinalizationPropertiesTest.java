package com.tickets.api.payment;

import com.tickets.api.booking.BookingStatus;
import com.tickets.api.payment.Finalization.Change;
import com.tickets.api.payment.Finalization.Held;
import com.tickets.api.payment.Finalization.Plan;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions of a batch of payment outcomes: the transition table of docs/architecture.md applied
 * record by record, each booking's outcomes in their order, redeliveries changing nothing.
 */
class FinalizationPropertiesTest {

    private static final List<UUID> BOOKINGS = List.of(uuid(1), uuid(2), uuid(3), uuid(4));

    /** A batch: the bookings as they are, the records in order (redeliveries share an event id), the new ids. */
    record Batch(Map<UUID, Held> bookings, List<PaymentOutcome> records, Set<UUID> newIds) {
        @Override
        public String toString() {
            return "bookings=" + bookings + "\nrecords=" + records.stream()
                    .map(o -> o.kind() + (o.outcomeUnknown() ? "?" : "") + "(" + o.bookingId() + ", " + o.eventId() + ")")
                    .collect(Collectors.joining(", ")) + "\nnew=" + newIds;
        }
    }

    @Provide
    Arbitrary<Batch> batches() {
        Arbitrary<Held> held = Combinators.combine(Arbitraries.of(BookingStatus.class), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(Held::new);
        Arbitrary<Map<UUID, Held>> bookings = held.list().ofSize(BOOKINGS.size()).map(list -> {
            Map<UUID, Held> m = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                m.put(BOOKINGS.get(i), list.get(i));
            }
            return m;
        });
        // one more booking id than there are bookings: an outcome for a booking this service does not have
        Arbitrary<UUID> booking = Arbitraries.of(uuid(1), uuid(2), uuid(3), uuid(4), uuid(99));
        Arbitrary<PaymentOutcome> event = Combinators.combine(Arbitraries.of(PaymentOutcome.Kind.class), booking,
                Arbitraries.of(true, false), Arbitraries.integers().between(1, 1_000_000)).as((kind, b, unknown, n) ->
                new PaymentOutcome(UUID.randomUUID(), kind.name(), kind, b, "reason " + n,
                        kind == PaymentOutcome.Kind.FAILED && unknown,
                        kind == PaymentOutcome.Kind.DELAYED ? Instant.EPOCH.plusSeconds(n) : null, null));
        Arbitrary<List<PaymentOutcome>> events = event.list().ofMinSize(0).ofMaxSize(25);
        return Combinators.combine(bookings, events, Arbitraries.longs(), Arbitraries.integers().between(0, 100))
                .as((b, distinct, seed, alreadyAppliedPercent) -> {
                    Random random = new Random(seed);
                    List<PaymentOutcome> records = new ArrayList<>();
                    for (PaymentOutcome e : distinct) {
                        records.add(e);
                        if (random.nextInt(4) == 0) { // redelivered later in the same batch
                            records.add(random.nextInt(records.size() + 1), e);
                        }
                    }
                    Set<UUID> newIds = new HashSet<>();
                    for (PaymentOutcome e : distinct) {
                        if (random.nextInt(100) >= alreadyAppliedPercent / 4) {
                            newIds.add(e.eventId());
                        }
                    }
                    return new Batch(b, records, newIds);
                });
    }

    @Property(tries = 2000)
    void theTransitionTableIsAppliedRecordByRecord(@ForAll("batches") Batch batch) {
        Plan plan = Finalization.decide(batch.bookings(), batch.records(), batch.newIds());

        Map<UUID, Held> state = new HashMap<>(batch.bookings());
        List<Change> expected = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (PaymentOutcome o : batch.records()) {
            if (batch.newIds().contains(o.eventId()) && seen.add(o.eventId()) && state.containsKey(o.bookingId())) {
                state.put(o.bookingId(), oneByOne(o, state.get(o.bookingId()), expected));
            }
        }
        assertThat(plan.changes()).isEqualTo(expected);
        assertThat(plan.after()).isEqualTo(state);
    }

    @Property(tries = 1000)
    void eachBookingsOutcomesAreDecidedInTheirOrderWhateverTheOthersDo(@ForAll("batches") Batch batch) {
        Plan plan = Finalization.decide(batch.bookings(), batch.records(), batch.newIds());
        for (UUID booking : BOOKINGS) {
            List<PaymentOutcome> alone = batch.records().stream().filter(o -> booking.equals(o.bookingId())).toList();
            Plan own = Finalization.decide(batch.bookings(), alone, batch.newIds());
            assertThat(plan.changes().stream().filter(c -> c.bookingId().equals(booking)).toList())
                    .isEqualTo(own.changes());
            assertThat(plan.after().get(booking)).isEqualTo(own.after().get(booking));
        }
    }

    @Property(tries = 1000)
    void redeliveriesChangeNothing(@ForAll("batches") Batch batch) {
        Plan plan = Finalization.decide(batch.bookings(), batch.records(), batch.newIds());

        // every record once, the first copy where it was: the same plan
        Set<UUID> seen = new HashSet<>();
        List<PaymentOutcome> once = batch.records().stream().filter(o -> seen.add(o.eventId())).toList();
        assertThat(Finalization.decide(batch.bookings(), once, batch.newIds())).isEqualTo(plan);

        // ids applied in an earlier batch: the same plan as without those records
        List<PaymentOutcome> onlyNew = batch.records().stream().filter(o -> batch.newIds().contains(o.eventId())).toList();
        assertThat(Finalization.decide(batch.bookings(), onlyNew, batch.newIds())).isEqualTo(plan);

        // the whole batch delivered again, after it was applied: nothing more
        Plan again = Finalization.decide(plan.after(), batch.records(), Set.of());
        assertThat(again.changes()).isEmpty();
        assertThat(again.after()).isEqualTo(plan.after());
    }

    @Property(tries = 2000)
    void ticketsGoBackOnceAndRefundsAreAskedForOnce(@ForAll("batches") Batch batch) {
        Plan plan = Finalization.decide(batch.bookings(), batch.records(), batch.newIds());
        for (UUID booking : BOOKINGS) {
            Held before = batch.bookings().get(booking);
            List<Change.Kind> kinds = plan.changes().stream().filter(c -> c.bookingId().equals(booking)).map(Change::kind).toList();
            long cancelled = kinds.stream().filter(k -> k == Change.Kind.CANCELLED).count();
            long confirmed = kinds.stream().filter(k -> k == Change.Kind.CONFIRMED).count();
            long refundRequests = kinds.stream().filter(k -> k == Change.Kind.REFUND_REQUESTED).count();
            long refunds = kinds.stream().filter(k -> k == Change.Kind.REFUNDED).count();
            assertThat(cancelled + confirmed).isLessThanOrEqualTo(before.status() == BookingStatus.PENDING ? 1 : 0);
            assertThat(refundRequests).isLessThanOrEqualTo(before.refundRequested() ? 0 : 1);
            assertThat(refunds).isLessThanOrEqualTo(before.refunded() ? 0 : 1);
            Held after = plan.after().get(booking);
            assertThat(after.refundRequested()).isEqualTo(before.refundRequested() || refundRequests == 1);
            if (before.status() != BookingStatus.PENDING) {
                assertThat(after.status()).isEqualTo(before.status()); // only a hold can end here
            }
            if (after.status() == BookingStatus.CONFIRMED && before.status() == BookingStatus.PENDING) {
                assertThat(refundRequests).as("a booking confirmed by this batch is not refunded by it").isZero();
            }
        }
        assertThat(plan.changes()).allMatch(c -> BOOKINGS.contains(c.bookingId()));
    }

    @Example
    void aSuccessThenItsCopyThenTheRefundOfOneBooking() {
        UUID booking = uuid(1);
        UUID paid = UUID.randomUUID();
        UUID refund = UUID.randomUUID();
        Plan plan = Finalization.decide(Map.of(booking, new Held(BookingStatus.PENDING, false, false)),
                List.of(PaymentOutcome.succeeded(paid, booking), PaymentOutcome.succeeded(paid, booking),
                        PaymentOutcome.refunded(refund, booking)), Set.of(paid, refund));
        assertThat(plan.changes()).extracting(Change::kind).containsExactly(Change.Kind.CONFIRMED, Change.Kind.REFUNDED);
        assertThat(plan.after().get(booking)).isEqualTo(new Held(BookingStatus.CONFIRMED, false, true));
    }

    @Example
    void aFailureWithoutTheGatewaysAnswerCancelsAndRefundsAndALateSuccessAddsNothing() {
        UUID booking = uuid(2);
        UUID failed = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        Plan plan = Finalization.decide(Map.of(booking, new Held(BookingStatus.PENDING, false, false)),
                List.of(PaymentOutcome.failed(failed, booking, "gateway unavailable", true), PaymentOutcome.succeeded(late, booking)),
                Set.of(failed, late));
        assertThat(plan.changes()).extracting(Change::kind).containsExactly(Change.Kind.CANCELLED, Change.Kind.REFUND_REQUESTED);
        assertThat(plan.changes()).extracting(Change::statusAfter).containsOnly(BookingStatus.CANCELLED);
        assertThat(plan.after().get(booking)).isEqualTo(new Held(BookingStatus.CANCELLED, true, false));
    }

    @Example
    void aDelayedPaymentKeepsTheHoldUntilItsAnswerAndTheAnswerConfirmsWithoutARefund() {
        UUID booking = uuid(3);
        UUID delayed = UUID.randomUUID();
        UUID paid = UUID.randomUUID();
        Instant answerBy = Instant.parse("2026-12-02T05:00:00Z");
        Plan plan = Finalization.decide(Map.of(booking, new Held(BookingStatus.PENDING, false, false)),
                List.of(PaymentOutcome.delayed(delayed, booking, "no answer from the payment gateway", answerBy),
                        PaymentOutcome.succeeded(paid, booking)), Set.of(delayed, paid));
        assertThat(plan.changes()).extracting(Change::kind).containsExactly(Change.Kind.HOLD_EXTENDED, Change.Kind.CONFIRMED);
        assertThat(plan.changes().get(0).holdUntil()).isEqualTo(answerBy);
        assertThat(plan.after().get(booking)).isEqualTo(new Held(BookingStatus.CONFIRMED, false, false));
    }

    @Example
    void aDelayAfterTheHoldEndedChangesNothing() {
        UUID booking = uuid(4);
        UUID delayed = UUID.randomUUID();
        Plan plan = Finalization.decide(Map.of(booking, new Held(BookingStatus.EXPIRED, false, false)),
                List.of(PaymentOutcome.delayed(delayed, booking, "no answer", Instant.EPOCH)), Set.of(delayed));
        assertThat(plan.changes()).isEmpty();
    }

    /** The table of docs/architecture.md for one outcome, written out on its own. */
    private static Held oneByOne(PaymentOutcome o, Held b, List<Change> changes) {
        UUID id = o.bookingId();
        BookingStatus status = b.status();
        boolean refundRequested = b.refundRequested();
        boolean refunded = b.refunded();
        if (o.kind() == PaymentOutcome.Kind.SUCCEEDED) {
            if (status == BookingStatus.PENDING) {
                status = BookingStatus.CONFIRMED;
                changes.add(new Change(id, Change.Kind.CONFIRMED, status, null));
            } else if ((status == BookingStatus.CANCELLED || status == BookingStatus.EXPIRED) && !refundRequested) {
                refundRequested = true;
                changes.add(new Change(id, Change.Kind.REFUND_REQUESTED, status,
                        "payment arrived after the booking was " + status.name().toLowerCase()));
            }
        } else if (o.kind() == PaymentOutcome.Kind.FAILED) {
            if (status == BookingStatus.PENDING) {
                status = BookingStatus.CANCELLED;
                changes.add(new Change(id, Change.Kind.CANCELLED, status, "payment failed: " + o.reason()));
            }
            if (o.outcomeUnknown() && status != BookingStatus.CONFIRMED && !refundRequested) {
                refundRequested = true;
                changes.add(new Change(id, Change.Kind.REFUND_REQUESTED, status,
                        "payment outcome unknown (" + o.reason() + "): any charge is returned"));
            }
        } else if (o.kind() == PaymentOutcome.Kind.DELAYED && status == BookingStatus.PENDING) {
            changes.add(new Change(id, Change.Kind.HOLD_EXTENDED, status, o.reason(), null, o.answerBy()));
        } else if (o.kind() == PaymentOutcome.Kind.REFUNDED && !refunded) {
            refunded = true;
            changes.add(new Change(id, Change.Kind.REFUNDED, status, null));
        }
        return new Held(status, refundRequested, refunded);
    }

    private static UUID uuid(int n) {
        return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(n));
    }
}
