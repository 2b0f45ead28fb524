package com.tickets.payment.refund;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Owed refunds in the real database: payers racing for them (replicas, the sweep) never take one twice. */
@QuarkusTest
class OwedRefundsTest {

    @Inject
    OwedRefunds owed;

    @Inject
    Scheduler scheduler;

    @Inject
    AgroalDataSource db;

    @Test
    void payersRacingForDueRefundsEachClaimADifferentOne() throws Exception {
        scheduler.pause("refund-reconciler"); // this test's threads are the only payers
        Set<UUID> owedNow = new HashSet<>();
        try {
            for (int i = 0; i < 300; i++) {
                EventEnvelope request = refundRequest();
                assertThat(owed.owe(request, UUID.fromString(request.aggregateId()), Duration.ZERO, null)).isTrue();
                owedNow.add(request.id());
            }

            int payers = 8;
            CyclicBarrier start = new CyclicBarrier(payers);
            ConcurrentLinkedQueue<UUID> claimed = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(payers);
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < payers; p++) {
                running.add(pool.submit(() -> {
                    start.await();
                    List<OwedRefund> batch;
                    do {
                        batch = owed.claimDue(7, Duration.ofMinutes(1));
                        batch.forEach(refund -> claimed.add(refund.event().id()));
                    } while (!batch.isEmpty());
                    return null;
                }));
            }
            for (Future<?> payer : running) {
                payer.get();
            }
            pool.shutdown();

            List<UUID> ours = claimed.stream().filter(owedNow::contains).toList();
            assertThat(ours).hasSize(owedNow.size()).doesNotHaveDuplicates();
            assertThat(claimed.stream().collect(Collectors.toSet())).containsAll(owedNow);
        } finally {
            try (var c = db.getConnection(); var s = c.prepareStatement("delete from owed_refunds where event_id = any(?)")) {
                s.setArray(1, c.createArrayOf("uuid", owedNow.toArray()));
                s.executeUpdate();
            }
            scheduler.resume("refund-reconciler");
        }
    }

    @Test
    void aRedeliveredRequestIsNotOwedTwice() {
        EventEnvelope request = refundRequest();
        UUID bookingId = UUID.fromString(request.aggregateId());
        assertThat(owed.owe(request, bookingId, Duration.ofMinutes(1), null)).isTrue();
        assertThat(owed.owe(request, bookingId, Duration.ofMinutes(1), null)).isFalse();
    }

    private static EventEnvelope refundRequest() {
        UUID bookingId = UUID.randomUUID();
        BookingData data = new BookingData(bookingId, UUID.randomUUID(), "Show", Instant.now(), "Test Hall", "UTC",
                UUID.randomUUID(), "GA",
                "buyer@example.com", 1, new BigDecimal("10.00"), new BigDecimal("10.00"), "USD", "CANCELLED", Instant.now(),
                Instant.now().plusSeconds(600), "cancelled by the buyer", "organizer");
        return EventJson.envelope("RefundRequested", bookingId.toString(), "key-" + bookingId, data, Instant.now());
    }
}
