package com.tickets.payment;

import com.tickets.payment.gateway.GatewayCalls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The misuse: asking the public port for the operator's endpoints. They answer on the management port only. */
@QuarkusTest
class ManagementInterfaceTest {

    @TestHTTPResource("/")
    URL api;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics"})
    void operatorEndpointsAnswerOnTheManagementPortAndNotOnThePublicOne(String path) throws MalformedURLException {
        given().get(new URL(management, path)).then().statusCode(200);
        given().get(new URL(api, path)).then().statusCode(404);
    }

    @Inject
    GatewayCalls gateway;

    @Test
    void gatewayCallTimesAreAHistogramThatAddsUpAcrossReplicas() throws MalformedURLException {
        gateway.charge("metrics-" + UUID.randomUUID(), UUID.randomUUID(), BigDecimal.ONE, "USD").await().atMost(Duration.ofSeconds(10));
        String metrics = given().get(new URL(management, "/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(metrics).contains("# TYPE payment_gateway_latency_seconds histogram")
                .contains("payment_gateway_latency_seconds_bucket{le=\"2.0\"")
                .doesNotContain("payment_gateway_latency_seconds{quantile");
    }
}
