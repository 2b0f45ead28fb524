package com.tickets.api.booking;

import com.tickets.api.Fixtures;
import com.tickets.api.idempotency.IdempotencyKeyReusedProblem;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of bookings for one tier is one transaction, but every request in it is answered as if
 * it had come alone, in arrival order.
 */
@QuarkusTest
class BookingBatchTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BookingBatchWriter writer;

    @Inject
    BookingBatcher batcher;

    @Inject
    MeterRegistry registry;

    @Test
    void soldOutSplitsABatchInArrivalOrder() throws Exception {
        var tier = fixtures.concertWithTier("Split", "10.00", 4);
        List<BatchAnswer> answers = writer.write(tier.tierId(), List.of(
                request(tier, 3), request(tier, 2), request(tier, 1), request(tier, 1)));

        assertThat(answers.get(0)).isInstanceOf(BatchAnswer.Booked.class);
        assertThat(refusal(answers.get(1))).isInstanceOf(SoldOutProblem.class); // 2 asked, 1 left
        assertThat(answers.get(2)).isInstanceOf(BatchAnswer.Booked.class); // the later, smaller one still fits
        assertThat(refusal(answers.get(3))).isInstanceOf(SoldOutProblem.class);
        assertThat(fixtures.available(tier.tierId())).isZero();
        assertThat(fixtures.count("select coalesce(sum(quantity), 0) from bookings where ticket_tier_id = ?", tier.tierId()))
                .isEqualTo(4);
        assertThat(fixtures.count("select count(*) from inventory_audit where ticket_tier_id = ?", tier.tierId())).isEqualTo(2);
        // one AvailabilityChanged for the whole batch: the tier's state after its last booking
        assertThat(fixtures.count("""
                select count(*) from outbox where type = 'AvailabilityChanged' and aggregateid = ?::text""", tier.tierId()))
                .isEqualTo(1);
        assertThat(fixtures.count("""
                select (payload -> 'data' ->> 'availableQuantity')::int from outbox
                where type = 'AvailabilityChanged' and aggregateid = ?::text""", tier.tierId())).isZero();
    }

    @Test
    void aKeyTwiceInOneBatchBooksOnceAndTheSecondReplaysTheFirst() throws Exception {
        var tier = fixtures.concertWithTier("Twice", "10.00", 10);
        String key = "twice-" + UUID.randomUUID();
        PendingBooking first = request(tier, key, "a@example.com", 2);
        PendingBooking again = request(tier, key, "a@example.com", 2);
        PendingBooking otherPayload = request(tier, key, "b@example.com", 2);

        List<BatchAnswer> answers = writer.write(tier.tierId(), List.of(first, again, otherPayload));

        BookingOutcome created = ((BatchAnswer.Booked) answers.get(0)).outcome();
        BookingOutcome replayed = ((BatchAnswer.Booked) answers.get(1)).outcome();
        assertThat(created.replayed()).isFalse();
        assertThat(replayed.replayed()).isTrue();
        assertThat(replayed.body()).isEqualTo(created.body());
        assertThat(refusal(answers.get(2))).isInstanceOf(IdempotencyKeyReusedProblem.class);
        assertThat(fixtures.count("select count(*) from bookings where idempotency_key = ?", key)).isEqualTo(1);
        assertThat(fixtures.available(tier.tierId())).isEqualTo(8);
        assertThat(fixtures.count("select count(*) from outbox where idempotency_key = ?", key)).isEqualTo(2);
    }

    @Test
    void aRequestTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsBooked() throws Exception {
        var tier = fixtures.concertWithTier("Poison", "10.00", 100);
        fixtures.update("""
                create or replace function refuse_poison() returns trigger language plpgsql as $$
                begin
                  if new.user_email = 'poison@example.com' then
                    raise exception 'refused for test';
                  end if;
                  return new;
                end $$""");
        fixtures.update("create trigger refuse_poison before insert on bookings for each row execute function refuse_poison()");
        List<PendingBooking> requests = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                requests.add(request(tier, "batch-" + UUID.randomUUID(), i == 20 ? "poison@example.com" : "ok@example.com", 1));
            }
            requests.forEach(batcher::submit);
            CompletableFuture.allOf(requests.stream().map(PendingBooking::answer).toArray(CompletableFuture[]::new))
                    .exceptionally(e -> null).get(30, TimeUnit.SECONDS);
        } finally {
            fixtures.update("drop trigger refuse_poison on bookings");
        }

        assertThat(requests.get(20).answer()).isCompletedExceptionally();
        assertThat(requests.stream().filter(r -> !r.answer().isCompletedExceptionally())).hasSize(39);
        assertThat(fixtures.available(tier.tierId())).isEqualTo(61);
        assertThat(fixtures.count("select count(*) from bookings where ticket_tier_id = ?", tier.tierId())).isEqualTo(39);
    }

    @Test
    void concurrentBuyersOfOneTierShareTransactions() throws Exception {
        var tier = fixtures.concertWithTier("Crowd", "10.00", 1_000);
        double transactionsBefore = registry.get("bookings.batch.size").summary().count();
        List<PendingBooking> requests = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            requests.add(request(tier, 1));
        }
        requests.forEach(batcher::submit);
        CompletableFuture.allOf(requests.stream().map(PendingBooking::answer).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);

        double transactions = registry.get("bookings.batch.size").summary().count() - transactionsBefore;
        assertThat(transactions).isLessThan(500); // many requests per transaction
        assertThat(fixtures.available(tier.tierId())).isEqualTo(500);
        assertThat(fixtures.count("select count(*) from bookings where ticket_tier_id = ?", tier.tierId())).isEqualTo(500);
    }

    private static PendingBooking request(Fixtures.Tier tier, int quantity) {
        return request(tier, "batch-" + UUID.randomUUID(), "buyer@example.com", quantity);
    }

    private static PendingBooking request(Fixtures.Tier tier, String key, String email, int quantity) {
        BigDecimal total = tier.total(quantity);
        BookingCommand command = new BookingCommand(key, tier.tierId(), email, quantity, total, "USD");
        return new PendingBooking(command, command.fingerprint(), new CompletableFuture<>(), null);
    }

    private static Object refusal(BatchAnswer answer) {
        assertThat(answer).isInstanceOf(BatchAnswer.Refused.class);
        return ((BatchAnswer.Refused) answer).problem();
    }
}
