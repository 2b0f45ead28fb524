package com.tickets.api.health;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.MalformedURLException;
import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The misuse: a client of the public API asks for the operator's endpoints. Health, metrics and the
 * API description answer on the management interface (a port the Ingress never routes) and the public
 * port answers 404 for all of them.
 */
@QuarkusTest
class ManagementInterfaceTest {

    @TestHTTPResource("/")
    URL api;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void theManagementInterfaceIsAPortOfItsOwn() {
        assertThat(management.getPort()).isPositive().isNotEqualTo(api.getPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics",
            "/q/openapi", "/q/swagger-ui/"})
    void operatorEndpointsAnswerOnTheManagementPortAndNotOnThePublicOne(String path) throws MalformedURLException {
        given().get(new URL(management, path)).then().statusCode(200);
        given().get(new URL(api, path)).then().statusCode(404);
    }

    @Test
    void metricsAreThePrometheusTextOnTheManagementPortOnly() throws MalformedURLException {
        given().get(new URL(management, "/q/metrics")).then().statusCode(200)
                .body(containsString("# TYPE jvm_"));
        given().get(new URL(api, "/q/metrics")).then().statusCode(404)
                .body(org.hamcrest.Matchers.not(containsString("# TYPE")));
    }

    @Test
    void latenciesAndBatchSizesAreHistogramsThatAddUpAcrossReplicas() throws MalformedURLException {
        given().get(new URL(api, "/api/concerts")).then().statusCode(200);
        String metrics = given().get(new URL(management, "/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(metrics).contains("# TYPE http_server_requests_seconds histogram")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/concerts\",le=\"0\\.5\"}")
                .contains("bookings_batch_size_bucket{")
                .doesNotContain("http_server_requests_seconds{"); // no per-replica quantiles
    }

    @Test
    void thePublicPortStillServesTheApiTheWebPageAndTheEventContract() throws MalformedURLException {
        given().get(new URL(api, "/api/concerts")).then().statusCode(200);
        given().get(new URL(api, "/asyncapi.yaml")).then().statusCode(200);
        given().get(new URL(management, "/api/concerts")).then().statusCode(404);
    }
}
