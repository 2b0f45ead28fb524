package com.tickets.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.security.PrivateKey;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** In the prod profile organizers present JWTs of the identity provider; nothing else gets in. */
@QuarkusTest
@TestProfile(OrganizerJwtProfile.class)
class OrganizerJwtTest {

    static String token(PrivateKey key, String issuer, String... groups) {
        return Jwt.issuer(issuer).upn("olivia@venue.example.com").groups(Set.of(groups)).expiresIn(300).sign(key);
    }

    @Test
    void aValidTokenWithTheOrganizerGroupReadsTheDashboard() {
        given().auth().oauth2(token(OrganizerJwtProfile.signingKey(), OrganizerJwtProfile.ISSUER, "organizer"))
                .get("/api/analytics/dashboard").then().statusCode(200);
        given().auth().oauth2(token(OrganizerJwtProfile.signingKey(), OrganizerJwtProfile.ISSUER, "organizer"))
                .get("/api/analytics/rebuild").then().statusCode(200);
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() {
        given().auth().oauth2(token(OrganizerJwtProfile.generate().getPrivate(), OrganizerJwtProfile.ISSUER, "organizer"))
                .get("/api/analytics/dashboard").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aTokenOfAnotherIssuerIs401() {
        given().auth().oauth2(token(OrganizerJwtProfile.signingKey(), "https://evil.example.com", "organizer"))
                .get("/api/analytics/dashboard").then().statusCode(401);
    }

    @Test
    void aValidTokenWithoutTheGroupIs403() {
        given().auth().oauth2(token(OrganizerJwtProfile.signingKey(), OrganizerJwtProfile.ISSUER, "buyer"))
                .get("/api/analytics/dashboard").then().statusCode(403).body("status", equalTo(403));
    }

    @Test
    void passwordsAreNotAcceptedInProd() {
        given().auth().preemptive().basic("organizer", "organizer").get("/api/analytics/dashboard").then().statusCode(401);
        given().get("/api/analytics/dashboard").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }
}
