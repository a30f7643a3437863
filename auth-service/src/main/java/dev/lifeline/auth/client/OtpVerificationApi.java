package dev.lifeline.auth.client;

import dev.lifeline.contracts.internal.OtpVerification;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * otp-service's internal verification endpoint; see {@link OtpClient}. A REST client, not an endpoint:
 * auth-service only calls out with it (nothing is served at this path here, tested in
 * {@code DenyByDefaultTest}); otp-service's side lets in auth-service's service token alone.
 */
@RegisterRestClient(configKey = "otp-service")
@Path(OtpVerification.PATH)
public interface OtpVerificationApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    OtpVerification.Verdict verify(@HeaderParam("Authorization") String serviceToken, OtpVerification.Request request);
}
