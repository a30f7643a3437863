package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.domain.Passwords;
import dev.lifeline.security.RecentSignIn;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
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

/** Changing the password inside a session. */
@Path("/api/me/password")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public class PasswordResource {

    private final Caller caller;
    private final Passwords passwords;
    private final RecentSignIn recentSignIn;

    public PasswordResource(Caller caller, Passwords passwords, RecentSignIn recentSignIn) {
        this.caller = caller;
        this.passwords = passwords;
        this.recentSignIn = recentSignIn;
    }

    public record Change(@NotNull @Size(max = 1024) String currentPassword, @NotNull @Size(max = 1024) String newPassword) {
    }

    /** Needs a sign-in or step-up from the last minutes, and the current password; other sessions end. */
    @Operation(summary = "Change the password (needs a recent sign-in and the current password); other sessions end")
    @POST
    @Authenticated
    public Response change(@NotNull @Valid Change change) {
        AccessTokens.Claims me = caller.account();
        recentSignIn.require("change your password");
        passwords.change(me.accountId(), me.sessionId(), change.currentPassword(), change.newPassword());
        return Response.noContent().build();
    }
}
