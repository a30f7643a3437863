package dev.lifeline.auth;

import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.ServiceFoundationChecks;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "auth"))
class AuthServiceFoundationTest extends ServiceFoundationChecks {

    @Override
    protected String database() {
        return "auth";
    }

    @Test
    void showsTheBreakersInFrontOfTheServicesItCallsOnItsMetrics() {
        // ops see whether auth-service has stopped asking otp-service or backup-code-service, as they see the SMS providers'
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("resilience4j_circuitbreaker_state{name=\"otp-service\",state=\"closed\"} 1.0"))
                .body(containsString("resilience4j_circuitbreaker_state{name=\"backup-code-service\",state=\"closed\"} 1.0"));
    }
}
