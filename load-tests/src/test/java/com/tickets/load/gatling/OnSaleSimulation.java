package com.tickets.load.gatling;

import com.tickets.load.OrganizerClient;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
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
 *
 * <p>{@code -DthinkMillis=N} (closed crowd only): each buyer pauses after every answer, as a
 * person reading it would, for N ms on average (drawn from 0.5 N..1.5 N), and the buyers arrive
 * over the first N ms; the crowd then asks for about {@code users} bookings per
 * {@code N ms + latency}. {@code -DwarmUpSeconds=N} (default 0): the same crowd or arrival rate
 * first buys for N seconds on a warm-up tier of its own (concert "On-sale warm-up"), tallied
 * apart and not reported, so that the measured part does not include the load generator's own
 * start (see {@link LoadSettings#warmUp}).
 */
public class OnSaleSimulation extends Simulation {

    private final OrganizerClient.Concert fixture = LoadSettings.organizer().createPublished("On-sale " + Instant.now(),
            List.of("General Admission"), LoadSettings.tierTotal(60_000), LoadSettings.price());
    private final BookingTally tally = new BookingTally();

    {
        Duration warmUp = LoadSettings.warmUp(0);
        PopulationBuilder measured = crowd("on-sale", fixture.onlyTier(), tally, LoadSettings.duration())
                .andThen(Verification.afterTheLoad().injectOpen(atOnceUsers(1)));
        PopulationBuilder load = warmUp.isZero() ? measured
                : crowd("warm-up", LoadSettings.organizer().createPublished("On-sale warm-up " + Instant.now(),
                        List.of("General Admission"), LoadSettings.tierTotal(60_000), LoadSettings.price()).onlyTier(),
                        new BookingTally(), warmUp)
                        .andThen(measured);
        setUp(load)
                .protocols(Http.protocol())
                .assertions(
                        global().failedRequests().count().is(0L),
                        details(Buying.BOOKINGS).successfulRequests().count().gt(0L));
    }

    /** The crowd (or, with {@code -DarrivalRate}, the arrivals) buying from one tier for {@code time}. */
    private static PopulationBuilder crowd(String name, OrganizerClient.Tier tier, BookingTally tally, Duration time) {
        OptionalInt arrivalRate = LoadSettings.arrivalRate();
        if (arrivalRate.isPresent()) {
            return scenario(name + " arrivals")
                    .exec(Buying.becomeBuyer("onsale"))
                    .exec(Buying.attempt(List.of(tier), tally))
                    .injectOpen(constantUsersPerSec(arrivalRate.getAsInt()).during(time));
        }
        Duration think = LoadSettings.thinkTime();
        // People do not think in step: a fixed pause after a crowd started at once keeps all of
        // them sending within the same few milliseconds, once per pause (seen: p50 10 ms, p99 263 ms
        // at 250 bookings/s with 40 % of the CPU idle). So the pause is drawn from 0.5..1.5 x the
        // think time, and the buyers arrive over one think time.
        var attempt = think.isZero() ? Buying.attempt(List.of(tier), tally)
                : Buying.attempt(List.of(tier), tally).pause(think.dividedBy(2), think.multipliedBy(3).dividedBy(2));
        int users = LoadSettings.users(256);
        return scenario(name + " buyers")
                .exec(Buying.becomeBuyer("onsale"))
                .asLongAsDuring(session -> !tally.isSoldOut(), time)
                .on(attempt)
                .injectOpen(think.isZero() ? atOnceUsers(users) : rampUsers(users).during(think));
    }

    @Override
    public void before() {
        System.out.printf("on-sale: tier %s of concert %s, %d tickets%n", fixture.onlyTier().id(),
                fixture.id(), fixture.onlyTier().total());
    }

    @Override
    public void after() {
        System.out.println(tally.summary());
        System.out.printf("bookings in the database for this concert: %d%n", BookingDatabase.bookingsOf(fixture.id()));
    }
}
