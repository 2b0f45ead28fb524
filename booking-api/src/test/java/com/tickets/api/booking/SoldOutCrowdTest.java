package com.tickets.api.booking;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the last ticket, the crowd is answered without queueing for the tier's row lock, a retry of a
 * booked key still gets its booking, and tickets that come back are buyable at once.
 */
@QuarkusTest
class SoldOutCrowdTest {

    @Inject
    Fixtures fixtures;

    @Inject
    AgroalDataSource db;

    @Inject
    RedisDataSource redis;

    @Inject
    BookingTransitions transitions;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aSoldOutTierAnswersTheCrowdWithoutItsRowLockAndSellsReturnedTicketsAtOnce() throws Exception {
        var tier = fixtures.concertWithTier("Sold out crowd", "30.00", 2);
        String firstKey = UUID.randomUUID().toString();
        String firstBody = BookingRequests.body(tier.tierId(), "first@example.com", 1, tier.total(1));
        HttpResponse<String> first = BookingRequests.post(base, firstKey, firstBody);
        assertThat(first.statusCode()).isEqualTo(201);
        UUID firstId = UUID.fromString(first.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1"));
        BookingRequests.book(base, tier.tierId(), "second@example.com", 1, tier.total(1)); // the last ticket

        redis.flushall(); // the replays below must be answered by the database, not the Redis fast path
        try (Connection holder = db.getConnection()) {
            // somebody holds the tier's row lock: a booking decided under it would have to wait
            holder.setAutoCommit(false);
            holder.createStatement().execute("select 1 from ticket_tiers where id = '" + tier.tierId() + "' for update");

            HttpResponse<String> late = BookingRequests.post(base, UUID.randomUUID().toString(),
                    BookingRequests.body(tier.tierId(), "late@example.com", 1, tier.total(1)));
            assertThat(late.statusCode()).isEqualTo(409);
            assertThat(late.body()).contains("sold-out");
            HttpResponse<String> retry = BookingRequests.post(base, firstKey, firstBody);
            assertThat(retry.statusCode()).isEqualTo(201);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(retry.body()).contains(firstId.toString());
            holder.rollback();
        }

        QuarkusTransaction.requiringNew().run(() -> transitions.cancel(firstId));
        HttpResponse<String> returned = BookingRequests.post(base, UUID.randomUUID().toString(),
                BookingRequests.body(tier.tierId(), "returned@example.com", 1, tier.total(1)));
        assertThat(returned.statusCode()).as("a returned ticket is on sale at once").isEqualTo(201);
        assertThat(fixtures.available(tier.tierId())).isZero();
        assertThat(fixtures.count("select count(*) from bookings where ticket_tier_id = ? and status <> 'CANCELLED'",
                tier.tierId())).isEqualTo(2);
    }
}
