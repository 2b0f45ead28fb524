package com.tickets.load.gatling;

import com.tickets.load.OrganizerClient;
import io.gatling.javaapi.core.Simulation;

import java.time.Instant;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * {@code mixed}: 90 % of visitors browse, 10 % buy, across the three tiers of a fresh concert;
 * closed model at {@code -Dusers} (default 64) for {@code -Dduration} seconds.
 */
public class MixedSimulation extends Simulation {

    private final OrganizerClient.Concert fixture = LoadSettings.organizer().createPublished("Mixed " + Instant.now(),
            List.of("VIP", "Front Row", "General Admission"), LoadSettings.tierTotal(20_000), LoadSettings.price());
    private final BookingTally tally = new BookingTally();

    {
        setUp(scenario("visitors")
                .randomSwitch().on(
                        percent(90.0).then(Browsing.concert(fixture.id().toString())),
                        percent(10.0).then(Buying.becomeBuyer("mixed").exec(Buying.attempt(fixture.tiers(), tally))))
                .injectClosed(constantConcurrentUsers(LoadSettings.users(64)).during(LoadSettings.duration()))
                .andThen(Verification.afterTheLoad().injectOpen(atOnceUsers(1))))
                .protocols(Http.protocol())
                .assertions(global().failedRequests().count().is(0L));
    }

    @Override
    public void after() {
        System.out.println(tally.summary().replace("ON-SALE RESULT", "MIXED BOOKINGS"));
    }
}
