package com.tickets.api.ui;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The web page built by the Maven build is served at /, with its run-time configuration. */
@QuarkusTest
class WebPageServedTest {

    @Test
    void theWebPageIsServedAtTheRoot() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<div id=\"root\"></div>"));
    }

    @Test
    void withoutAnAnalyticsAddressThePageUsesItsOwnOrigin() {
        given().get("/api/ui-config").then().statusCode(200).body("analyticsUrl", equalTo(""));
    }
}
