package com.tickets.api.ui;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The page and the API's answers carry the browser-side protections; private answers are never cached. */
@QuarkusTest
class SecurityHeadersTest {

    static void assertPageHeaders(Response response) {
        String csp = response.header("Content-Security-Policy");
        assertThat(csp).as("Content-Security-Policy").isNotNull()
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
                        "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void thePageCarriesTheBrowserProtectionsAndIsNotKeptStale() {
        for (String path : new String[] {"/", "/index.html"}) {
            Response page = given().get(path);
            assertThat(page.statusCode()).isEqualTo(200);
            assertPageHeaders(page);
            assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-cache");
        }
        assertThat(given().get("/").header("Content-Security-Policy")).as("no analytics address: this origin only")
                .containsPattern("connect-src 'self' ?;");
        assertThat(given().get("/q/openapi").header("Content-Security-Policy"))
                .as("the /q/ pages (Swagger UI runs inline scripts) are left out").isNull();
    }

    @Test
    void hashedAssetsAreKeptLong() {
        String index = given().get("/").asString();
        Matcher asset = Pattern.compile("/assets/[A-Za-z0-9_.-]+\\.js").matcher(index);
        assertThat(asset.find()).as("the page names its script").isTrue();
        Response script = given().get(asset.group());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.header("Cache-Control")).contains("max-age=31536000", "immutable");
        assertThat(script.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void bookingAndAccessAnswersAreNeverStored() {
        Response[] answers = {
                given().get("/api/bookings/" + UUID.randomUUID()),
                given().get("/api/bookings"),
                given().post("/api/bookings/" + UUID.randomUUID() + "/cancel"),
                given().contentType("application/json").body("{}").post("/api/bookings"),
                given().contentType("application/json").body("{\"email\":\"a@example.com\"}").post("/api/access-links"),
                given().contentType("application/json").body("{\"linkToken\":\"x\"}").post("/api/sessions"),
                given().get("/api/sessions/current"),
                given().delete("/api/sessions"),
        };
        for (Response answer : answers) {
            assertThat(answer.header("Cache-Control")).as("answer %s", answer.statusLine()).isEqualTo("no-store");
            assertPageHeaders(answer);
        }
    }

    @Test
    void theCatalogMayBeCachedAndStillCarriesTheProtections() {
        Response catalog = given().get("/api/concerts");
        assertThat(catalog.statusCode()).isEqualTo(200);
        assertThat(catalog.header("Cache-Control")).isNotEqualTo("no-store");
        assertThat(catalog.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
