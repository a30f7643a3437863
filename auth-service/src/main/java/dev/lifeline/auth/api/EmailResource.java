package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.EmailAddresses;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Confirming the account's email address with the code sent to it; {@code /api/me} says whether it is. */
@Path("/api/me/email")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class EmailResource {

    private final Caller caller;
    private final EmailAddresses emailAddresses;

    public EmailResource(Caller caller, EmailAddresses emailAddresses) {
        this.caller = caller;
        this.emailAddresses = emailAddresses;
    }

    public record Code(@NotBlank @Size(max = 16) String code) {
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response verify(@NotNull @Valid Code code) {
        emailAddresses.verify(caller.enrolling().accountId(), code.code());
        return Response.noContent().build();
    }

    /** Another code to the address, at most once a minute. */
    @POST
    @Path("/verification")
    @Consumes(MediaType.WILDCARD)
    public Response resend() {
        emailAddresses.resend(caller.enrolling().accountId());
        return Response.accepted().build();
    }
}
