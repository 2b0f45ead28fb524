package com.tickets.api.ratelimit;

import com.tickets.api.Fixtures;
import com.tickets.api.access.BookingTokens;
import com.tickets.infra.Infrastructure;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Booking and cancelling are limited per client address and per buyer, with Redis and without it.
 * Each test uses addresses and e-mails of its own, so buckets never carry over between tests.
 */
@QuarkusTest
@TestProfile(RateLimitsOn.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitTest {

    /** Addresses from the documentation range (RFC 5737): only ever a header value, never contacted. */
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    @Inject
    Fixtures fixtures;

    @Inject
    BookingTokens tokens;

    @Inject
    RedisDataSource redis;

    Fixtures.Tier tier;

    @BeforeEach
    void aTierWithPlentyOfTickets() {
        tier = fixtures.concertWithTier("Limits", "10.00", 1000);
        // the application's very first booking can take seconds on a busy machine, long enough for a
        // bucket to refill under a test's feet: warm it up from an address and buyer of no test
        book(newAddress(), newBuyer()).then().statusCode(201);
    }

    @Test
    @Order(1)
    void aBuyerOverTheLimitGets429WithRetryAfterAndNothingIsBooked() {
        String address = newAddress();
        String buyer = newBuyer();
        for (int i = 0; i < RateLimitsOn.BUYER_BURST; i++) {
            book(address, buyer).then().statusCode(201);
        }

        Response refused = book(address, buyer);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("https://tickets.example.com/problems/rate-limited");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 8L);
        assertThat(fixtures.count("select count(*) from bookings where user_email = ?", buyer))
                .isEqualTo(RateLimitsOn.BUYER_BURST);
        // the buckets live in Redis, shared by every replica
        assertThat(redis.key().keys(RateLimitsOn.REDIS_PREFIX + "email:*")).isNotEmpty();
        assertThat(redis.key().keys(RateLimitsOn.REDIS_PREFIX + "ip:" + address)).hasSize(1);
    }

    @Test
    @Order(2)
    void eachAddressAndEachBuyerHasABucketOfItsOwn() {
        String busyAddress = newAddress();
        for (int i = 0; i < RateLimitsOn.ADDRESS_BURST; i++) {
            book(busyAddress, newBuyer()).then().statusCode(201);
        }
        String nextBuyer = newBuyer();
        book(busyAddress, nextBuyer).then().statusCode(429);
        book(newAddress(), nextBuyer).then().statusCode(201);

        String address = newAddress();
        String eagerBuyer = newBuyer();
        for (int i = 0; i < RateLimitsOn.BUYER_BURST; i++) {
            book(address, eagerBuyer).then().statusCode(201);
        }
        book(address, eagerBuyer).then().statusCode(429);
        book(address, newBuyer()).then().statusCode(201);
    }

    @Test
    @Order(3)
    void afterRetryAfterTheBucketHasRefilledAndTheBuyerGetsIn() throws Exception {
        String address = newAddress();
        String buyer = newBuyer();
        for (int i = 0; i < RateLimitsOn.BUYER_BURST; i++) {
            book(address, buyer).then().statusCode(201);
        }
        Response refused = book(address, buyer);
        assertThat(refused.statusCode()).isEqualTo(429);

        Thread.sleep(Long.parseLong(refused.header("Retry-After")) * 1000);

        book(address, buyer).then().statusCode(201);
    }

    @Test
    @Order(4)
    void aMalformedRequestIsStill400NotRateLimited() {
        String address = newAddress();
        String buyer = newBuyer();
        for (int i = 0; i < RateLimitsOn.BUYER_BURST; i++) {
            book(address, buyer).then().statusCode(201);
        }
        given().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Forwarded-For", address)
                .body(body(buyer).replace("\"quantity\":1", "\"quantity\":0"))
                .post("/api/bookings").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    @Order(5)
    void cancellingTakesFromTheSameBuckets() throws Exception {
        String address = newAddress();
        String buyer = newBuyer();
        String id = book(address, buyer).then().statusCode(201).extract().path("booking.id");
        book(address, buyer).then().statusCode(201);

        Response refused = cancel(address, buyer, id);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(fixtures.status(UUID.fromString(id))).isEqualTo("PENDING");

        Thread.sleep(Long.parseLong(refused.header("Retry-After")) * 1000);
        cancel(address, buyer, id).then().statusCode(200);
        assertThat(fixtures.status(UUID.fromString(id))).isEqualTo("CANCELLED");
    }

    @Test
    @Order(6)
    void withRedisStoppedLimitsStillHoldInThisReplicasMemoryAndBookingsGoOn() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Infrastructure.redisIsOurs(), "needs a Redis of its own to stop it (INFRA_REDIS_URL is set)");
        Infrastructure.redis().stop();
        try {
            String address = newAddress();
            String buyer = newBuyer();
            for (int i = 0; i < RateLimitsOn.BUYER_BURST; i++) {
                book(address, buyer).then().statusCode(201);
            }
            Response refused = book(address, buyer);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotBlank();
            book(address, newBuyer()).then().statusCode(201);

            String busyAddress = newAddress();
            for (int i = 0; i < RateLimitsOn.ADDRESS_BURST; i++) {
                book(busyAddress, newBuyer()).then().statusCode(201);
            }
            book(busyAddress, newBuyer()).then().statusCode(429);
        } finally {
            Infrastructure.redis().restart();
        }
    }

    @Test
    @Order(7)
    void requestsThatCanOnlyFailDoNotEmptyAVictimsBucket() {
        String victim = newBuyer();
        for (int i = 0; i < RateLimitsOn.BUYER_BURST * 3; i++) {
            String attacker = newAddress();
            given().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("X-Forwarded-For", attacker).body(body(victim).replace("10.00", "0.01"))
                    .post("/api/bookings").then().statusCode(422);
            given().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("X-Forwarded-For", attacker).body(body(victim).replace(tier.tierId().toString(), UUID.randomUUID().toString()))
                    .post("/api/bookings").then().statusCode(404);
        }
        book(newAddress(), victim).then().statusCode(201);
    }

    @Test
    @Order(8)
    void everyAddressOfOneIpv6Slash64SharesOneBucket() {
        for (int i = 0; i < RateLimitsOn.ADDRESS_BURST; i++) {
            book("2001:db8:77:1::" + Integer.toHexString(i + 1), newBuyer()).then().statusCode(201);
        }
        book("2001:db8:77:1:ffff:1:2:3", newBuyer()).then().statusCode(429);
        book("2001:db8:77:2::1", newBuyer()).then().statusCode(201);
    }

    private Response book(String address, String buyer) {
        return given().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Forwarded-For", address).body(body(buyer)).post("/api/bookings");
    }

    private Response cancel(String address, String buyer, String id) {
        return given().auth().oauth2(tokens.issue(UUID.fromString(id))).header("X-Forwarded-For", address)
                .post("/api/bookings/" + id + "/cancel");
    }

    private String body(String buyer) {
        return """
                {"ticketTierId":"%s","userEmail":"%s","quantity":1,"totalPrice":10.00,"currency":"USD"}"""
                .formatted(tier.tierId(), buyer);
    }

    private static String newAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "203.0." + (113 + n / 250) + "." + (1 + n % 250);
    }

    private static String newBuyer() {
        return "limited-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
