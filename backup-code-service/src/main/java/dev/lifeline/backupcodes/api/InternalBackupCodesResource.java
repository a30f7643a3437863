package dev.lifeline.backupcodes.api;

import dev.lifeline.backupcodes.domain.BackupCodeSets;
import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.internal.BackupCodeChecks;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For auth-service while a person waits: the first set when a second factor is turned on, and the
 * check of a code at sign-in. Internal: the gateway routes only /api, and only a service token
 * auth-service made for backup-code-service is let in.
 */
@Path(BackupCodeChecks.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Services.AUTH_SERVICE_ROLE)
@Tag(name = "Internal")
public class InternalBackupCodesResource {

    private final BackupCodeSets sets;

    public InternalBackupCodesResource(BackupCodeSets sets) {
        this.sets = sets;
    }

    @Operation(summary = "A first set of backup codes for an account (auth-service only)")
    @POST
    @Path(BackupCodeChecks.SETS)
    public Response generate(@NotNull @Valid BackupCodeChecks.ForAccount request) {
        return Response.status(201).entity(sets.generate(request.accountId())).build();
    }

    @Operation(summary = "Check and use up one backup code (auth-service only)")
    @POST
    @Path(BackupCodeChecks.VERIFICATIONS)
    public BackupCodeChecks.Verdict verify(@NotNull @Valid BackupCodeChecks.Attempt attempt) {
        return sets.use(attempt.accountId(), attempt.code());
    }
}
