package com.tickets.load.gatling;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * {@code browse}: catalog reads at a constant 64 concurrent clients (closed model: a finished
 * visitor is replaced at once) for {@code -Dduration} seconds; the report gives p99 per request.
 */
public class BrowseSimulation extends Simulation {

    {
        setUp(scenario("browsers").exec(Browsing.anyConcert())
                .injectClosed(constantConcurrentUsers(LoadSettings.users(64)).during(LoadSettings.duration()))
                .andThen(Verification.afterTheLoad().injectOpen(atOnceUsers(1))))
                .protocols(Http.protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}
