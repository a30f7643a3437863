package dev.lifeline.otp;

import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

import java.time.Instant;

import static io.restassured.RestAssured.given;

/** Requests as an operator: an access token shaped like auth-service's, with the role {@code ops}, signed in just now. */
final class Ops {

    private Ops() {
    }

    static RequestSpecification asOps() {
        return as("ops");
    }

    static RequestSpecification as(String role) {
        return as(role, Instant.now());
    }

    /** {@code signedInAt}: the token's {@code auth_time}, when its holder last proved who they are. */
    static RequestSpecification as(String role, Instant signedInAt) {
        String token = Jwt.issuer("https://lifeline.local/auth").audience("lifeline-api").subject("00000000-0000-0000-0000-00000000005e")
                .upn(role + "-tester").groups(role).claim("auth_time", signedInAt.getEpochSecond()).expiresIn(300).sign();
        return given().auth().oauth2(token).contentType("application/json");
    }
}
