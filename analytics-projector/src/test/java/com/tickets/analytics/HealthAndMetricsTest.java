package com.tickets.analytics;

import com.tickets.analytics.Events.Booking;
import com.tickets.analytics.Events.Show;
import com.tickets.infra.KafkaBroker;
import com.tickets.infra.Infrastructure;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.tickets.analytics.Dashboards.awaitConcert;
import static com.tickets.analytics.Dashboards.totals;
import static com.tickets.analytics.SalesProjectionTest.confirm;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

/** Readiness follows Kafka and the database; the projection reports what it applied. */
@QuarkusTest
class HealthAndMetricsTest {

    @TestHTTPResource("/")
    URL api;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    /** The misuse: asking the public port (the one the Ingress routes) for the operator's endpoints. */
    @Test
    void healthMetricsAndOpenApiAnswerOnTheManagementPortAndNotOnThePublicOne() throws Exception {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi")) {
            given().get(new URL(management, path)).then().statusCode(200);
            given().get(new URL(api, path)).then().statusCode(404);
        }
    }

    @Test
    void readinessChecksTheDatabaseAndTheConsumers() throws Exception {
        given().get(new URL(management, "/q/health/ready")).then().statusCode(200)
                .body("checks.name", hasItems("Database connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void eventsAppliedAndTheProjectionLagAreMetrics() throws Exception {
        Show show = Show.create();
        confirm(Booking.of(show, show.tierA(), 1, "100.00"), Instant.parse("2030-08-01T10:00:00Z"));
        awaitConcert(show, totals("100.00", 1));

        given().get(new URL(management, "/q/metrics")).then().statusCode(200)
                .body(containsString("analytics_events_total{outcome=\"applied\",type=\"BookingConfirmed\""))
                .body(containsString("analytics_projection_lag_seconds_count"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
    }

    @Test
    void readinessIsDownWhileKafkaIsAwayAndTheProjectionCatchesUpAfter() throws Exception {
        URL readiness = new URL(management, "/q/health/ready");
        Assumptions.assumeTrue(Infrastructure.kafkaIsOurs(), "needs a broker of its own to stop it (INFRA_KAFKA_BOOTSTRAP_SERVERS is set)");
        KafkaBroker kafka = Infrastructure.kafka();
        kafka.stop();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().get(readiness).statusCode() == 503);
        } finally {
            kafka.restart();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get(readiness).statusCode() == 200);
        Show show = Show.create();
        confirm(Booking.of(show, show.tierB(), 2, "100.00"), Instant.parse("2030-08-02T10:00:00Z"));
        awaitConcert(show, totals("100.00", 2));
    }
}
