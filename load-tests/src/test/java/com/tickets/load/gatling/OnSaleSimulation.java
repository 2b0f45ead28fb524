package com.tickets.load.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.List;
import java.util.OptionalInt;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * {@code on-sale}: a crowd of buyers (default 256) on ONE fresh tier (default 60,000 tickets at
 * 10.00 USD) until it is sold out or {@code -Dduration} is over. The crowd is a fixed population,
 * each buyer sending its next request only when the previous one is answered: a closed model,
 * written as looping users so that the run can end at sell-out (Gatling's closed injectors would
 * keep starting users until the duration ends). Prints bookings/s; fails on any unexpected
 * answer and on any violated database invariant.
 *
 * <p>With {@code -DarrivalRate=N} it is an open model instead: N new buyers arrive every second
 * for {@code duration}, each sending one booking (and, for the retry share, its retry), whatever
 * the answers' speed. That measures the latency a buyer sees at a given demand, which the closed
 * crowd cannot: there, every answer immediately brings the next request, so the latency is the
 * crowd size divided by the throughput (Little's law) and says nothing about the server's speed.
 */
public class OnSaleSimulation extends Simulation {

    private final Fixture fixture = BookingDatabase.createConcert("On-sale",
            List.of("General Admission"), LoadSettings.tierTotal(60_000), LoadSettings.price());
    private final BookingTally tally = new BookingTally();

    {
        OptionalInt arrivalRate = LoadSettings.arrivalRate();
        ScenarioBuilder buyers = arrivalRate.isEmpty()
                ? scenario("on-sale buyers")
                        .exec(Buying.becomeBuyer("onsale"))
                        .asLongAsDuring(session -> !tally.isSoldOut(), LoadSettings.duration())
                        .on(Buying.attempt(List.of(fixture.onlyTier()), tally))
                : scenario("on-sale arrivals")
                        .exec(Buying.becomeBuyer("onsale"))
                        .exec(Buying.attempt(List.of(fixture.onlyTier()), tally));
        var injection = arrivalRate.isEmpty()
                ? buyers.injectOpen(atOnceUsers(LoadSettings.users(256)))
                : buyers.injectOpen(constantUsersPerSec(arrivalRate.getAsInt()).during(LoadSettings.duration()));

        setUp(injection
                .andThen(Verification.afterTheLoad().injectOpen(atOnceUsers(1))))
                .protocols(Http.protocol())
                .assertions(
                        global().failedRequests().count().is(0L),
                        details(Buying.BOOKINGS).successfulRequests().count().gt(0L));
    }

    @Override
    public void before() {
        System.out.printf("on-sale: tier %s of concert %s, %d tickets%n", fixture.onlyTier().id(),
                fixture.concertId(), fixture.onlyTier().total());
    }

    @Override
    public void after() {
        System.out.println(tally.summary());
        System.out.printf("bookings in the database for this concert: %d%n", BookingDatabase.bookingsOf(fixture.concertId()));
    }
}
