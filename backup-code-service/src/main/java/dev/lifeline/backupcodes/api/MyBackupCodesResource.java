package dev.lifeline.backupcodes.api;

import dev.lifeline.backupcodes.domain.BackupCodeSets;
import dev.lifeline.security.RecentSignIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The signed-in owner's backup codes, through the gateway. */
@Path("/api/me/backup-codes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
@Tag(name = "Two-factor")
public class MyBackupCodesResource {

    private final BackupCodeSets sets;
    private final JsonWebToken caller;
    private final RecentSignIn recentSignIn;

    public MyBackupCodesResource(BackupCodeSets sets, JsonWebToken caller, RecentSignIn recentSignIn) {
        this.sets = sets;
        this.caller = caller;
        this.recentSignIn = recentSignIn;
    }

    /** A new set, replacing the old one. Needs a sign-in from the last few minutes: a stolen session must not be enough. */
    @Operation(summary = "A new set of backup codes, replacing the old (needs a recent sign-in); shown once")
    @POST
    public Response regenerate() {
        recentSignIn.require("make new backup codes");
        return Response.status(201).entity(sets.generate(accountId())).build();
    }

    @Operation(summary = "How many backup codes are left, and when the set was made")
    @GET
    public BackupCodeSets.Status status() {
        return sets.status(accountId());
    }

    private UUID accountId() {
        return UUID.fromString(caller.getSubject());
    }
}
