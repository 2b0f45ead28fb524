package com.tickets.payment;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.MalformedURLException;
import java.net.URL;

import static io.restassured.RestAssured.given;

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
}
