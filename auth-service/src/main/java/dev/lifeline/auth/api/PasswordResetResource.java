package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.Passwords;
import jakarta.annotation.security.PermitAll;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Setting a new password with the one-time link a recovery emailed to the account's address; no session needed. */
@Path("/api/password-resets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Account")
public class PasswordResetResource {

    private final Passwords passwords;

    public PasswordResetResource(Passwords passwords) {
        this.passwords = passwords;
    }

    public record Reset(@NotBlank @Size(max = 128) String token, @NotNull @Size(max = 1024) String newPassword) {
    }

    @Operation(summary = "Set a new password with the link emailed after a recovery")
    @POST
    public Response reset(@NotNull @Valid Reset reset) {
        passwords.reset(reset.token(), reset.newPassword());
        return Response.noContent().build();
    }
}
