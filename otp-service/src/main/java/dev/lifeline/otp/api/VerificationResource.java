package dev.lifeline.otp.api;

import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.internal.OtpVerification;
import dev.lifeline.otp.domain.OtpCodes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Checks a code for auth-service while a person waits. Internal: the gateway routes only /api, and
 * only a service token auth-service made for otp-service is let in.
 */
@Path(OtpVerification.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Services.AUTH_SERVICE_ROLE)
@Tag(name = "Internal")
public class VerificationResource {

    private final OtpCodes codes;

    public VerificationResource(OtpCodes codes) {
        this.codes = codes;
    }

    @Operation(summary = "Check an SMS code of a sign-in challenge (auth-service only)")
    @POST
    public OtpVerification.Verdict verify(@NotNull @Valid OtpVerification.Request request) {
        return codes.verify(request.challengeId(), request.code());
    }
}
