package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.EmailAddresses;
import dev.lifeline.security.RecentSignIn;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Changing the account's email address, and confirming it with the code sent to it; {@code /api/me} says whether it is. */
@Path("/api/me/email")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Account")
public class EmailResource {

    private final Caller caller;
    private final EmailAddresses emailAddresses;
    private final RecentSignIn recentSignIn;

    public EmailResource(Caller caller, EmailAddresses emailAddresses, RecentSignIn recentSignIn) {
        this.caller = caller;
        this.emailAddresses = emailAddresses;
        this.recentSignIn = recentSignIn;
    }

    public record Code(@NotBlank @Size(max = 16) String code) {
    }

    public record NewAddress(@NotBlank @Email @Size(max = 254) String email) {
    }

    /** A new address: needs a recent sign-in or step-up; a code goes to the new address, a notice to the old one. */
    @Operation(summary = "Change the account's email address (needs a recent sign-in): a code goes to the new address, a notice to the old")
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@NotNull @Valid NewAddress address) {
        UUID accountId = caller.account().accountId();
        recentSignIn.require("change your email address");
        emailAddresses.change(accountId, address.email());
        return Response.noContent().build();
    }

    @Operation(summary = "Confirm the account's address with the code emailed to it")
    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response verify(@NotNull @Valid Code code) {
        emailAddresses.verify(caller.enrolling().accountId(), code.code());
        return Response.noContent().build();
    }

    /** Another code to the address, at most once a minute. */
    @Operation(summary = "Email another confirmation code (at most one a minute)")
    @POST
    @Path("/verification")
    @Consumes(MediaType.WILDCARD)
    public Response resend() {
        emailAddresses.resend(caller.enrolling().accountId());
        return Response.accepted().build();
    }
}
