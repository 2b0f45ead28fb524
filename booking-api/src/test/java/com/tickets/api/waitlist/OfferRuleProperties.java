package com.tickets.api.waitlist;

import com.tickets.api.waitlist.OfferRule.Round;
import com.tickets.api.waitlist.OfferRule.Waiting;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets an offer when tickets come back: in joining order, the first entries that fit, all they asked for,
 * never more than came back, and nothing left on sale that a waiting entry could have had.
 */
class OfferRuleProperties {

    @Provide
    Arbitrary<List<Waiting>> lines() {
        return Arbitraries.integers().between(1, 10).map(q -> new Waiting(UUID.randomUUID(), q)).list().ofMaxSize(40);
    }

    @Property
    void neverOffersMoreThanIsThereAndTheRestGoesOnSale(@ForAll @IntRange(max = 60) int available,
                                                         @ForAll("lines") List<Waiting> line) {
        Round round = OfferRule.offer(available, line);
        assertThat(round.offeredQuantity()).isLessThanOrEqualTo(available);
        assertThat(round.offeredQuantity() + round.leftForSale()).isEqualTo(available);
    }

    @Property
    void offersGoInJoiningOrderEachEntryAtMostOnce(@ForAll @IntRange(max = 60) int available,
                                                   @ForAll("lines") List<Waiting> line) {
        Round round = OfferRule.offer(available, line);
        List<Integer> places = round.offered().stream().map(line::indexOf).toList();
        assertThat(places).isSorted().doesNotContain(-1);
        assertThat(new HashSet<>(round.offered())).hasSameSizeAs(round.offered());
    }

    @Property
    void anEntryPassedOverWantedMoreThanWasLeftWhenItsTurnCame(@ForAll @IntRange(max = 60) int available,
                                                               @ForAll("lines") List<Waiting> line) {
        Round round = OfferRule.offer(available, line);
        int left = available;
        for (Waiting entry : line) {
            if (round.offered().contains(entry)) {
                left -= entry.quantity();
            } else {
                assertThat(entry.quantity()).as("passed over with enough left").isGreaterThan(left);
            }
        }
        assertThat(left).isEqualTo(round.leftForSale());
    }

    @Property
    void whatGoesOnSaleIsLessThanAnyUnservedEntryWants(@ForAll @IntRange(max = 60) int available,
                                                       @ForAll("lines") List<Waiting> line) {
        Round round = OfferRule.offer(available, line);
        List<Waiting> unserved = new ArrayList<>(line);
        unserved.removeAll(round.offered());
        assertThat(unserved).allSatisfy(entry -> assertThat(entry.quantity()).isGreaterThan(round.leftForSale()));
    }

    @Property
    void nothingBackNothingOffered(@ForAll("lines") List<Waiting> line) {
        // nothing came back: nobody is offered anything
        assertThat(OfferRule.offer(0, line).offered()).isEmpty();
    }

    @Example
    void theFirstEntryThatWantsTwoWaitsWhileOneTicketGoesToTheNextThatWantsOne() {
        Waiting wantsTwo = new Waiting(UUID.randomUUID(), 2);
        Waiting wantsOne = new Waiting(UUID.randomUUID(), 1);
        assertThat(OfferRule.offer(1, List.of(wantsTwo, wantsOne)).offered()).containsExactly(wantsOne);
        assertThat(OfferRule.offer(2, List.of(wantsTwo, wantsOne)).offered()).containsExactly(wantsTwo);
        assertThat(OfferRule.offer(3, List.of(wantsTwo, wantsOne)).offered()).containsExactly(wantsTwo, wantsOne);
    }
}
