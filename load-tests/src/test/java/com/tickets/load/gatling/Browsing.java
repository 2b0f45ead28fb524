package com.tickets.load.gatling;

import io.gatling.javaapi.core.ChainBuilder;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/** Catalog reads, as a visitor of the web page makes them: the list, then one show. */
public final class Browsing {

    private Browsing() {
    }

    /** The list, then a show picked at random from it. */
    public static ChainBuilder anyConcert() {
        return exec(http("GET /api/concerts").get("/api/concerts")
                .check(status().is(200), jsonPath("$.concerts[*].id").findRandom().saveAs("concertId")))
                .exec(concertPage());
    }

    /** The list, then the given show. */
    public static ChainBuilder concert(String concertId) {
        return exec(http("GET /api/concerts").get("/api/concerts").check(status().is(200)))
                .exec(session -> session.set("concertId", concertId))
                .exec(concertPage());
    }

    private static ChainBuilder concertPage() {
        return exec(http("GET /api/concerts/{id}").get("/api/concerts/#{concertId}")
                .check(status().is(200), jsonPath("$.concert.id").isEL("#{concertId}")));
    }
}
