package dev.lifeline.otp;

import dev.lifeline.devstack.LifelineTestStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** otp-service's client of the providers' Messages API names a path; otp-service itself serves nothing there. */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class OutboundClientsTest {

    @Test
    void theProviderClientIsNotAnEndpoint() {
        given().contentType("application/x-www-form-urlencoded").formParam("To", "+447700900123").formParam("Body", "hi")
                .post("/2010-04-01/Accounts/ACalpha00000000000000000000000000/Messages.json").then().statusCode(404);
    }
}
