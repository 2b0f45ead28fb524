package com.tickets.load.gatling;

import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.http.HttpDsl.http;

/** The HTTP protocol of every simulation: the local stack's booking-api, JSON, no warm-up call to the internet. */
public final class Http {

    private Http() {
    }

    public static HttpProtocolBuilder protocol() {
        return http.baseUrl(LoadSettings.baseUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("concert-tickets load-tests (Gatling)")
                // Gatling's default warm-up request goes to gatling.io; the stack is all we talk to
                .disableWarmUp();
    }
}
