package dev.lifeline.otp;

import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.ServiceFoundationChecks;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class OtpServiceFoundationTest extends ServiceFoundationChecks {

    @Override
    protected String database() {
        return "otp";
    }
}
