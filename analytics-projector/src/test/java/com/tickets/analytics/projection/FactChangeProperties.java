package com.tickets.analytics.projection;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch's changes of one booking are folded into one before the upsert (PostgreSQL refuses an
 * upsert touching a row twice). Folding must not change the outcome: the row after joining the fold
 * equals the row after joining the changes one by one, as the statement does, in any order.
 *
 * <p>{@link Row} is an independent model of the fact row and of {@code BookingFactsSql.UPSERT_CHANGES}:
 * an insert of the first change, then per column {@code coalesce(stored, new)} for the details, the
 * higher rank's status, {@code least()} (nulls ignored) of each timestamp.
 */
class FactChangeProperties {

    private static final List<UUID> BOOKINGS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    /** Every event of one booking carries the same sale details. */
    private static final Map<UUID, SaleDetails> DETAILS = Map.of(
            BOOKINGS.get(0), new SaleDetails(UUID.randomUUID(), "Show A", UUID.randomUUID(), "VIP", 2,
                    new BigDecimal("200.00"), "USD", "organizer"),
            BOOKINGS.get(1), new SaleDetails(UUID.randomUUID(), "Show B", UUID.randomUUID(), "Front Row", 1,
                    new BigDecimal("0.00"), "EUR", "organizer2"),
            BOOKINGS.get(2), new SaleDetails(UUID.randomUUID(), "Show C", UUID.randomUUID(), "General", 9,
                    new BigDecimal("9999999999.99"), "GBP", null));
    private static final Instant T0 = Instant.parse("2031-05-01T10:00:00Z");

    @Property
    void foldingABookingsChangesThenJoiningEqualsJoiningThemOneByOne(@ForAll("oneBooking") OneBooking b) {
        FactChange folded = FactChange.foldByBooking(b.changes()).get(0);

        assertThat(Row.join(b.stored(), folded)).isEqualTo(Row.joinOneByOne(b.stored(), b.changes()));
    }

    @Property
    void joiningABookingsChangesOneByOneInAnyOrderEndsInTheRowOfTheirFold(@ForAll("oneBooking") OneBooking b,
                                                                          @ForAll Random random) {
        List<FactChange> shuffled = new ArrayList<>(b.changes());
        Collections.shuffle(shuffled, random);
        FactChange folded = FactChange.foldByBooking(b.changes()).get(0);

        assertThat(Row.joinOneByOne(b.stored(), shuffled)).isEqualTo(Row.join(b.stored(), folded));
        assertThat(FactChange.foldByBooking(shuffled)).containsExactly(folded);
    }

    @Property
    void aChangeDeliveredAgainChangesNothing(@ForAll("oneBooking") OneBooking b) {
        List<FactChange> twice = new ArrayList<>(b.changes());
        twice.addAll(b.changes());

        assertThat(FactChange.foldByBooking(twice)).isEqualTo(FactChange.foldByBooking(b.changes()));
    }

    @Property
    void aBatchFoldsToOneChangePerBookingEachTheFoldOfItsOwnChanges(
            @ForAll("manyBookingsChanges") List<FactChange> batch) {
        Map<UUID, List<FactChange>> byBooking = new LinkedHashMap<>();
        batch.forEach(c -> byBooking.computeIfAbsent(c.bookingId(), b -> new ArrayList<>()).add(c));

        List<FactChange> folded = FactChange.foldByBooking(batch);

        assertThat(folded).extracting(FactChange::bookingId).containsExactlyElementsOf(byBooking.keySet());
        for (FactChange change : folded) {
            assertThat(Row.join(null, change)).isEqualTo(Row.joinOneByOne(null, byBooking.get(change.bookingId())));
        }
    }

    /** A booking's row as an earlier batch left it (or none yet), and a batch's changes of that booking. */
    record OneBooking(Row stored, List<FactChange> changes) {
    }

    @Provide
    Arbitrary<OneBooking> oneBooking() {
        return Arbitraries.of(BOOKINGS).flatMap(booking -> Combinators.combine(
                change(booking).map(c -> Row.join(null, c)).injectNull(0.3),
                change(booking).list().ofMinSize(1).ofMaxSize(8)).as(OneBooking::new));
    }

    @Provide
    Arbitrary<List<FactChange>> manyBookingsChanges() {
        return Arbitraries.of(BOOKINGS).flatMap(this::change).list().ofMinSize(1).ofMaxSize(20);
    }

    private Arbitrary<FactChange> change(UUID booking) {
        Arbitrary<SaleDetails> details = Arbitraries.just(DETAILS.get(booking)).injectNull(0.4);
        return Combinators.combine(details, Arbitraries.of(FactStatus.class), instant(), instant(), instant())
                .as((d, status, confirmed, refundRequested, refunded) ->
                        new FactChange(booking, d, status, confirmed, refundRequested, refunded));
    }

    /** Few distinct instants, so that ties and nulls are common. */
    private static Arbitrary<Instant> instant() {
        return Arbitraries.integers().between(0, 5).map(minutes -> T0.plusSeconds(60L * minutes)).injectNull(0.5);
    }

    /** The stored row, column by column, as booking_facts has it. */
    record Row(UUID concertId, String concertName, UUID ticketTierId, String tierName, Integer quantity,
               BigDecimal totalPrice, String currency, String status, int statusRank, Instant confirmedAt,
               Instant refundRequestedAt, Instant refundedAt) {

        /** The upsert of one change: an insert when there is no row, else the conflict's update. */
        static Row join(Row stored, FactChange c) {
            SaleDetails d = c.details();
            Row proposed = new Row(d == null ? null : d.concertId(), d == null ? null : d.concertName(),
                    d == null ? null : d.ticketTierId(), d == null ? null : d.tierName(),
                    d == null ? null : d.quantity(), d == null ? null : d.totalPrice(), d == null ? null : d.currency(),
                    c.status().name(), c.status().rank(), c.confirmedAt(), c.refundRequestedAt(), c.refundedAt());
            if (stored == null) {
                return proposed;
            }
            return new Row(coalesce(stored.concertId, proposed.concertId), coalesce(stored.concertName, proposed.concertName),
                    coalesce(stored.ticketTierId, proposed.ticketTierId), coalesce(stored.tierName, proposed.tierName),
                    coalesce(stored.quantity, proposed.quantity), coalesce(stored.totalPrice, proposed.totalPrice),
                    coalesce(stored.currency, proposed.currency),
                    proposed.statusRank > stored.statusRank ? proposed.status : stored.status,
                    Math.max(stored.statusRank, proposed.statusRank),
                    least(stored.confirmedAt, proposed.confirmedAt),
                    least(stored.refundRequestedAt, proposed.refundRequestedAt),
                    least(stored.refundedAt, proposed.refundedAt));
        }

        static Row joinOneByOne(Row stored, List<FactChange> changes) {
            Row row = stored;
            for (FactChange c : changes) {
                row = join(row, c);
            }
            return row;
        }

        private static <T> T coalesce(T a, T b) {
            return a != null ? a : b;
        }

        private static Instant least(Instant a, Instant b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return a.isBefore(b) ? a : b;
        }
    }
}
