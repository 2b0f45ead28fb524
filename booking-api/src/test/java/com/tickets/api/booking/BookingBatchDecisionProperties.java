package com.tickets.api.booking;

import com.tickets.api.booking.BookingBatchDecision.Book;
import com.tickets.api.booking.BookingBatchDecision.Decision;
import com.tickets.api.booking.BookingBatchDecision.Refuse;
import com.tickets.api.booking.BookingBatchDecision.ReplayEarlier;
import com.tickets.api.booking.BookingBatchDecision.ReplayInBatch;
import com.tickets.api.booking.BookingBatchDecision.Request;
import com.tickets.api.concert.Inventory.LockedTier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of a batch of booking requests for one tier: decided in arrival order as if one by one,
 * never more tickets than are left, only at the tier's price, a key booked once.
 */
class BookingBatchDecisionProperties {

    private static final UUID TIER = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final BigDecimal PRICE = new BigDecimal("25.00");

    record Batch(int available, boolean started, Map<String, String> earlier, List<Request> requests) {
        Optional<LockedTier> tier() {
            Instant date = started ? NOW.minusSeconds(60) : NOW.plusSeconds(86_400);
            return Optional.of(new LockedTier(TIER, "GA", PRICE, "EUR", available, UUID.randomUUID(), "Show", date));
        }
    }

    @Provide
    Arbitrary<Batch> batches() {
        // few keys and few fingerprints, so that replays and reused keys are common
        Arbitrary<Request> request = Combinators.combine(Arbitraries.of("k1", "k2", "k3", "k4", "k5", "k6"),
                Arbitraries.of("f1", "f2"), Arbitraries.integers().between(1, 10), Arbitraries.of(true, true, true, false),
                Arbitraries.of("EUR", "EUR", "EUR", "USD")).as((key, fingerprint, quantity, rightPrice, currency) ->
                new Request(key, fingerprint, TIER, quantity,
                        rightPrice ? PRICE.multiply(BigDecimal.valueOf(quantity)) : new BigDecimal("1.00"), currency));
        Arbitrary<Map<String, String>> earlier = Arbitraries.maps(Arbitraries.of("k1", "k2", "k3", "k4", "k5", "k6"),
                Arbitraries.of("f1", "f2")).ofMaxSize(3);
        return Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.of(false, false, false, true), earlier,
                request.list().ofMaxSize(30)).as(Batch::new);
    }

    @Property
    void aBatchDecidesExactlyAsTheSameRequestsOneByOne(@ForAll("batches") Batch batch) {
        List<Decision> together = BookingBatchDecision.decide(TIER, batch.tier(), batch.earlier(), batch.requests(), NOW);

        int available = batch.available();
        Map<String, String> earlier = new HashMap<>(batch.earlier());
        for (int i = 0; i < batch.requests().size(); i++) {
            Request r = batch.requests().get(i);
            Batch one = new Batch(available, batch.started(), earlier, List.of(r));
            Decision alone = BookingBatchDecision.decide(TIER, one.tier(), earlier, List.of(r), NOW).get(0);
            Decision inBatch = together.get(i);
            assertThat(kind(inBatch)).as("request %d: %s", i, r).isEqualTo(kind(alone));
            if (alone instanceof Book book) {
                assertThat(inBatch).isEqualTo(book);
                available = book.availableAfter();
                earlier.put(r.key(), r.fingerprint());
            }
        }
    }

    @Property
    void neverMoreTicketsThanAreLeftAndOnlyAtTheTiersPrice(@ForAll("batches") Batch batch) {
        List<Decision> decisions = BookingBatchDecision.decide(TIER, batch.tier(), batch.earlier(), batch.requests(), NOW);
        int left = batch.available();
        for (int i = 0; i < decisions.size(); i++) {
            if (decisions.get(i) instanceof Book book) {
                Request r = batch.requests().get(i);
                left -= book.quantity();
                assertThat(book.quantity()).isEqualTo(r.quantity());
                assertThat(book.availableAfter()).isEqualTo(left).isNotNegative();
                assertThat(book.total()).isEqualByComparingTo(PRICE.multiply(BigDecimal.valueOf(r.quantity())));
                assertThat(r.currency()).isEqualTo("EUR");
                assertThat(batch.started()).isFalse();
            }
        }
    }

    @Property
    void aKeyIsBookedAtMostOnceAndItsRepeatsReplayOrAreRefused(@ForAll("batches") Batch batch) {
        List<Decision> decisions = BookingBatchDecision.decide(TIER, batch.tier(), batch.earlier(), batch.requests(), NOW);
        Map<String, Integer> bookedAt = new HashMap<>();
        for (int i = 0; i < decisions.size(); i++) {
            Request r = batch.requests().get(i);
            Decision d = decisions.get(i);
            if (d instanceof Book) {
                assertThat(batch.earlier()).doesNotContainKey(r.key());
                assertThat(bookedAt.put(r.key(), i)).as("booked twice: %s", r.key()).isNull();
            } else if (d instanceof ReplayInBatch replay) {
                assertThat(replay.index()).isEqualTo(bookedAt.get(r.key()));
                assertThat(batch.requests().get(replay.index()).fingerprint()).isEqualTo(r.fingerprint());
            } else if (d instanceof ReplayEarlier) {
                assertThat(batch.earlier().get(r.key())).isEqualTo(r.fingerprint());
            }
        }
    }

    @Property
    void aRequestRefusedAsSoldOutAskedForMoreThanWasLeft(@ForAll("batches") Batch batch) {
        List<Decision> decisions = BookingBatchDecision.decide(TIER, batch.tier(), batch.earlier(), batch.requests(), NOW);
        int left = batch.available();
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            if (d instanceof Book book) {
                left = book.availableAfter();
            } else if (d instanceof Refuse refuse && refuse.problem() instanceof SoldOutProblem) {
                assertThat(batch.requests().get(i).quantity()).isGreaterThan(left);
            }
        }
    }

    @Example
    void aLaterSmallerRequestStillGetsTheLastTicketsAfterABiggerOneWasRefused() {
        List<Request> requests = List.of(request("a", 3), request("b", 1), request("c", 1));
        Batch batch = new Batch(2, false, Map.of(), requests);
        List<Decision> decisions = BookingBatchDecision.decide(TIER, batch.tier(), Map.of(), requests, NOW);
        assertThat(decisions).extracting(BookingBatchDecisionProperties::kind).containsExactly("Refuse:sold-out", "Book", "Book");
        assertThat(decisions.get(2)).isEqualTo(new Book(1, new BigDecimal("25.00"), 0));
    }

    @Example
    void anUnknownTierRefusesNewRequestsButStillReplaysKnownKeys() {
        List<Request> requests = List.of(request("known", 1), request("new", 1));
        List<Decision> decisions = BookingBatchDecision.decide(TIER, Optional.empty(), Map.of("known", "f"), requests, NOW);
        assertThat(decisions).extracting(BookingBatchDecisionProperties::kind).containsExactly("ReplayEarlier", "Refuse:not-found");
    }

    private static Request request(String key, int quantity) {
        return new Request(key, "f", TIER, quantity, PRICE.multiply(BigDecimal.valueOf(quantity)), "EUR");
    }

    /** The decision's kind, with the problem's type for a refusal; a replay in the batch counts as what a lone request gets. */
    private static String kind(Decision d) {
        if (d instanceof Refuse refuse) {
            return "Refuse:" + refuse.problem().typeName();
        }
        if (d instanceof ReplayInBatch) {
            return "ReplayEarlier";
        }
        return d.getClass().getSimpleName();
    }
}
