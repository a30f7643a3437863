package dev.lifeline.auth.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** otp-service's internal verification endpoint; answers are read by status, see {@link OtpClient}. */
@RegisterRestClient(configKey = "otp-service")
@Path("/internal/otp/verifications")
public interface OtpVerificationApi {

    record VerificationRequest(UUID challengeId, String code) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    Response verify(VerificationRequest request);
}
