package com.tickets.api.booking;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Oversized requests are refused before they reach a resource, and the service stays healthy. */
@QuarkusTest
class RequestLimitsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void headersOverSixteenKilobytesAreRefusedWith431() throws IOException {
        String status = rawRequest("POST /api/bookings HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(32 * 1024)
                + "\r\nContent-Length: 0\r\n\r\n");
        assertThat(status).matches("HTTP/1\\.[01] 431 .*");
        given().get("/api/health").then().statusCode(200);
    }

    @Test
    void aRequestLineOverFourKilobytesIsRefusedWith414() throws IOException {
        String status = rawRequest("GET /api/concerts/" + "x".repeat(8 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(status).matches("HTTP/1\\.[01] 414 .*");
        given().get("/api/health").then().statusCode(200);
    }

    /** Sends bytes as they are (HTTP clients refuse to build such requests) and returns the status line. */
    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != -1 && c != '\n'; ) {
                line.append((char) c);
            }
            return line.toString().trim();
        }
    }
}
