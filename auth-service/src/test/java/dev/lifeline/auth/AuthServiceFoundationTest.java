package dev.lifeline.auth;

import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.ServiceFoundationChecks;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

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
        for (String service : List.of("otp-service", "backup-code-service")) {
            Pattern current = Pattern.compile("(?m)^resilience4j_circuitbreaker_state\\{name=\"" + service
                    + "\",state=\"(closed|open|half_open)\"\\} 1\\.0$");
            String[] seen = {""};
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    seen[0] = given().get("/q/metrics").then().statusCode(200).extract().asString();
                    return current.matcher(seen[0]).find();
                });
            } catch (ConditionTimeoutException e) {
                fail(service + "'s breaker state is not on /q/metrics; its resilience4j lines: "
                        + seen[0].lines().filter(line -> line.contains("resilience4j") && !line.startsWith("#")).toList());
            }
        }
    }
}
