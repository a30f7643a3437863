package dev.lifeline.hashing;

import dev.lifeline.problem.ProblemException;
import dev.lifeline.problem.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A full hashing stage, answered as what it is: busy for a moment, come back in a second. */
public class SaturatedMapper {

    @ServerExceptionMapper
    public Response saturated(HashingStage.Saturated e) {
        return Problems.response(new ProblemException(503, "overloaded", "Service Unavailable",
                "We are handling more sign-ins than we can at this moment; try again in a second.")
                .withHeader("Retry-After", "1"));
    }
}
