package com.tickets.api.ui;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Where the dashboard API has an origin of its own (the local run), the page may call it, and only it. */
@QuarkusTest
@TestProfile(SecurityHeadersWithAnalyticsTest.AnalyticsElsewhere.class)
class SecurityHeadersWithAnalyticsTest {

    public static class AnalyticsElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("booking.ui.analytics-url", "http://localhost:8083");
        }
    }

    @Test
    void thePageMayCallTheAnalyticsOrigin() {
        String csp = given().get("/").then().statusCode(200).extract().header("Content-Security-Policy");
        assertThat(csp).contains("connect-src 'self' http://localhost:8083;");
        given().get("/api/ui-config").then().statusCode(200);
    }
}
