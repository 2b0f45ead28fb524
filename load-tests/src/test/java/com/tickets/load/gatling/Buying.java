package com.tickets.load.gatling;

import com.tickets.load.OrganizerClient;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * One purchase attempt as a buyer's client makes it: 1..4 tickets at the tier's price, a fresh
 * Idempotency-Key per attempt, and now and then the same request again under the same key (a
 * client that lost the answer and retries), which must be replayed, never booked twice.
 */
public final class Buying {

    static final String BOOKINGS = "POST /api/bookings";
    static final String RETRIES = "POST /api/bookings (retry, same key)";

    private static final String BODY = """
            {"ticketTierId":"#{tierId}","userEmail":"#{email}","quantity":#{quantity},\
            "totalPrice":#{totalPrice},"currency":"USD"}""";

    /** Distinguishes this run's buyers from earlier runs' in the bookings table. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private Buying() {
    }

    /** A distinct e-mail per virtual user (and per run). */
    public static ChainBuilder becomeBuyer(String role) {
        return exec(session -> session.set("email", "%s-%s-%d@load.example.com".formatted(role, RUN, session.userId())));
    }

    /** One attempt on one of the tiers (picked at random), tallied. */
    public static ChainBuilder attempt(List<OrganizerClient.Tier> tiers, BookingTally tally) {
        return exec(session -> prepare(session, tiers.get(ThreadLocalRandom.current().nextInt(tiers.size())), tally))
                .exec(http(BOOKINGS).post("/api/bookings")
                        .header("Idempotency-Key", "#{idempotencyKey}")
                        .body(StringBody(BODY))
                        .check(status().in(201, 409).saveAs("status"),
                                responseTimeInMillis().saveAs("responseMillis"),
                                header("Idempotent-Replayed").notExists())
                        .checkIf((response, session) -> response.status().code() == 201)
                        .then(jsonPath("$.booking.id").saveAs("bookingId"))
                        // 409 is expected only as sold-out (a key still in flight cannot happen: keys are fresh)
                        .checkIf((response, session) -> response.status().code() == 409)
                        .then(jsonPath("$.type").transform(type -> type.endsWith("/sold-out")).is(true),
                                jsonPath("$.availableQuantity").ofInt().saveAs("availableLeft")))
                .exec(session -> tallied(session, tally))
                .doIf(session -> session.contains("bookingId")
                        && ThreadLocalRandom.current().nextDouble() < LoadSettings.retryShare())
                .then(retrySameKey(tally));
    }

    private static ChainBuilder retrySameKey(BookingTally tally) {
        return exec(http(RETRIES).post("/api/bookings")
                .header("Idempotency-Key", "#{idempotencyKey}")
                .body(StringBody(BODY))
                .check(status().is(201),
                        header("Idempotent-Replayed").is("true").saveAs("replayed"),
                        jsonPath("$.booking.id").isEL("#{bookingId}")))
                .exec(session -> {
                    if (session.contains("replayed")) {
                        tally.replayed();
                    }
                    return session;
                });
    }

    private static Session prepare(Session session, OrganizerClient.Tier tier, BookingTally tally) {
        int quantity = ThreadLocalRandom.current().nextInt(1, 5);
        BigDecimal total = tier.price().multiply(BigDecimal.valueOf(quantity));
        tally.requestSent();
        return session.removeAll("status", "responseMillis", "bookingId", "availableLeft", "replayed")
                .set("tierId", tier.id().toString())
                .set("quantity", quantity)
                .set("totalPrice", total.toPlainString())
                .set("idempotencyKey", UUID.randomUUID().toString());
    }

    private static Session tallied(Session session, BookingTally tally) {
        if (!session.contains("status")) {
            return session; // failed request (timeout, 5xx, 429): Gatling counts it as KO
        }
        int status = session.getInt("status");
        long millis = session.getLong("responseMillis");
        if (status == 201 && session.contains("bookingId")) {
            tally.created(session.getInt("quantity"), millis);
        } else if (status == 409 && session.contains("availableLeft")) {
            tally.soldOutAnswer(session.getInt("availableLeft"), millis);
        }
        return session;
    }
}
