package dev.lifeline.backupcodes.api;

import dev.lifeline.backupcodes.domain.BackupCodeSets;
import dev.lifeline.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The signed-in owner's backup codes, through the gateway. */
@Path("/api/me/backup-codes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class MyBackupCodesResource {

    private final BackupCodeSets sets;
    private final JsonWebToken caller;
    private final Duration freshSignIn;

    public MyBackupCodesResource(BackupCodeSets sets, JsonWebToken caller,
                                 @ConfigProperty(name = "lifeline.backup-codes.fresh-sign-in", defaultValue = "PT5M") Duration freshSignIn) {
        this.sets = sets;
        this.caller = caller;
        this.freshSignIn = freshSignIn;
    }

    /** A new set, replacing the old one. Needs a sign-in from the last few minutes: a stolen session must not be enough. */
    @POST
    public Response regenerate() {
        Long authTime = caller.claim("auth_time").map(value -> ((Number) value).longValue()).orElse(null);
        if (authTime == null || Instant.ofEpochSecond(authTime).plus(freshSignIn).isBefore(Instant.now())) {
            throw new ProblemException(403, "reauthentication_required", "Forbidden",
                    "Sign in again to make new backup codes: this needs a sign-in from the last "
                            + freshSignIn.toMinutes() + " minutes.");
        }
        return Response.status(201).entity(sets.generate(accountId())).build();
    }

    @GET
    public BackupCodeSets.Status status() {
        return sets.status(accountId());
    }

    private UUID accountId() {
        return UUID.fromString(caller.getSubject());
    }
}
