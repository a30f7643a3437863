package dev.lifeline.auth;

import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.ServiceFoundationChecks;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        // (each breaker is in exactly one state; which one depends on what earlier tests asked of services not running here)
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String service : List.of("otp-service", "backup-code-service")) {
            Pattern current = Pattern.compile("(?m)^resilience4j_circuitbreaker_state\\{name=\"" + service
                    + "\",state=\"(closed|open|half_open)\"\\} 1\\.0$");
            assertTrue(current.matcher(metrics).find(), service + "'s breaker state is not on /q/metrics");
        }
    }
}
