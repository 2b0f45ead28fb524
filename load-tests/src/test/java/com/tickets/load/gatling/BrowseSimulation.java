package com.tickets.load.gatling;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * {@code browse}: catalog reads at a constant 64 concurrent clients (closed model: a finished
 * visitor is replaced at once) for {@code -Dduration} seconds; the report gives p99 per request.
 *
 * <p>{@code -DthinkMillis=N}: each visitor pauses N ms after the two pages, as a person reading
 * them would. Without it (the default) the 64 clients send back to back, and the latency is
 * mostly their own queue: 64 / throughput by Little's law.
 */
public class BrowseSimulation extends Simulation {

    {
        Duration think = LoadSettings.thinkTime();
        ChainBuilder visit = think.isZero() ? Browsing.anyConcert() : Browsing.anyConcert().pause(think);
        setUp(scenario("browsers").exec(visit)
                .injectClosed(constantConcurrentUsers(LoadSettings.users(64)).during(LoadSettings.duration()))
                .andThen(Verification.afterTheLoad().injectOpen(atOnceUsers(1))))
                .protocols(Http.protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}
