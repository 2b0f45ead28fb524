package com.tickets.load.gatling;

import com.tickets.load.OrganizerClient;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.sse;

/**
 * {@code sse}: {@code -Dsubscribers} (default 2,000) watchers of one fresh concert's stream, connected
 * over {@code -Dramp} seconds (default 20), then an on-sale of {@code -Dusers} buyers (default 64) on
 * its tier for {@code -Dduration} seconds while every watcher keeps taking {@code availability} events
 * and the delay of each is measured. A watcher must get its snapshot, then takes availability events
 * until the sale is over (sold out, or {@code -Dduration} after the first booking request); the
 * database is verified at the end as in {@code on-sale}.
 */
public class SseSimulation extends Simulation {

    /** Any ISO-8601 instant in the event: an availability event carries exactly one, its {@code at}. */
    private static final String INSTANT = "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z)";

    private final OrganizerClient.Concert fixture = LoadSettings.organizer().createPublished("SSE on-sale " + Instant.now(),
            List.of("General Admission"), LoadSettings.tierTotal(60_000), LoadSettings.price());
    private final BookingTally tally = new BookingTally();
    private final PushDelays delays = new PushDelays();
    private final int subscribers = LoadSettings.subscribers();
    private final Duration ramp = Duration.ofSeconds(Long.getLong("ramp", 20));

    {
        Duration sale = LoadSettings.duration();
        ScenarioBuilder watchers = scenario("SSE subscribers")
                .exec(sse("GET /api/concerts/stream").get("/api/concerts/stream?concertId=" + fixture.id())
                        .await(Duration.ofSeconds(30)).on(sse.checkMessage("snapshot")
                                .check(regex("\"event\"\\s*:\\s*\"snapshot\""))))
                // keep taking events until the sale is over; the first wait spans the ramp, which the buyers sit out
                .asLongAs(session -> !tally.isSaleOver(sale)).on(
                        exec(session -> session.remove("at")),
                        sse("availability event").setCheck().await(ramp.plusSeconds(10)).on(
                                sse.checkMessage("availability")
                                        .matching(regex("\"event\"\\s*:\\s*\"availability\""))
                                        .check(regex(INSTANT).saveAs("at"))),
                        exec(session -> {
                            if (session.contains("at")) { // absent after a timeout
                                delays.received(session.getString("at"));
                            }
                            return session;
                        }))
                .exec(sse("close").close());

        ScenarioBuilder buyers = scenario("on-sale buyers")
                .exec(Buying.becomeBuyer("sse"))
                .asLongAsDuring(session -> !tally.isSoldOut(), sale)
                .on(Buying.attempt(List.of(fixture.onlyTier()), tally));

        setUp(watchers.injectOpen(rampUsers(subscribers).during(ramp)),
                buyers.injectOpen(nothingFor(ramp), atOnceUsers(LoadSettings.users(64)))
                        .andThen(Verification.afterTheLoad().injectOpen(atOnceUsers(1))))
                .protocols(Http.protocol())
                .assertions(details("GET /api/concerts/stream").failedRequests().count().is(0L),
                        details("snapshot").failedRequests().count().is(0L),
                        details(Buying.BOOKINGS).failedRequests().count().is(0L),
                        // a watcher may still be waiting when the sale stops: at most one timeout each
                        details("availability").failedRequests().count().lte((long) subscribers),
                        details("availability").successfulRequests().count().gte((long) subscribers));
    }

    @Override
    public void after() {
        System.out.println(tally.summary());
        System.out.println(delays.summary(subscribers));
    }
}
