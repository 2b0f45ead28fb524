package com.tickets.load.gatling;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * {@code browse}: catalog reads at a constant 64 concurrent clients (closed model: a finished
 * visitor is replaced at once) for {@code -Dduration} seconds; the report gives p99 per request.
 *
 * <p>{@code -DthinkMillis=N}: each visitor pauses N ms after the two pages, as a person reading
 * them would. Without it (the default) the 64 clients send back to back, and the latency is
 * mostly their own queue: 64 / throughput by Little's law.
 *
 * <p>The first {@code -DwarmUpSeconds} (default 15) run the same load in a group of their own,
 * {@code warm-up}; the measured visits are in the group {@code measured}. Gatling's console
 * summary is global only, so two always-true assertions print the measured p99 of each page
 * ("measured / GET …: 99th percentile … (actual : N)"), which bench.sh reads.
 */
public class BrowseSimulation extends Simulation {

    {
        Duration think = LoadSettings.thinkTime();
        ChainBuilder visit = think.isZero() ? Browsing.anyConcert() : Browsing.anyConcert().pause(think);
        int users = LoadSettings.users(64);
        setUp(scenario("warm-up").exec(group("warm-up").on(visit))
                .injectClosed(constantConcurrentUsers(users).during(LoadSettings.warmUp(15)))
                .andThen(scenario("browsers").exec(group("measured").on(visit))
                        .injectClosed(constantConcurrentUsers(users).during(LoadSettings.duration()))
                        .andThen(Verification.afterTheLoad().injectOpen(atOnceUsers(1)))))
                .protocols(Http.protocol())
                .assertions(global().failedRequests().count().is(0L),
                        details("measured", "GET /api/concerts").responseTime().percentile(99.0).gte(0),
                        details("measured", "GET /api/concerts/{id}").responseTime().percentile(99.0).gte(0));
    }
}
