package dev.lifeline.backupcodes.api;

import dev.lifeline.backupcodes.domain.BackupCodeSets;
import dev.lifeline.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/**
 * For auth-service while a person waits: the first set when a second factor is turned on, and the
 * check of a code at sign-in. Internal: the gateway routes only /api.
 */
@Path("/internal/backup-codes")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalBackupCodesResource {

    private final BackupCodeSets sets;

    public InternalBackupCodesResource(BackupCodeSets sets) {
        this.sets = sets;
    }

    public record ForAccount(@NotNull UUID accountId) {
    }

    public record Attempt(@NotNull UUID accountId, @NotNull @Size(max = 64) String code) {
    }

    public record Accepted(long remaining) {
    }

    @POST
    @Path("/sets")
    public Response generate(@NotNull @Valid ForAccount request) {
        return Response.status(201).entity(sets.generate(request.accountId())).build();
    }

    @POST
    @Path("/verifications")
    public Accepted verify(@NotNull @Valid Attempt attempt) {
        BackupCodeSets.Use use = sets.use(attempt.accountId(), attempt.code());
        return switch (use.outcome()) {
            case ACCEPTED -> new Accepted(use.remaining());
            case WRONG -> throw new ProblemException(401, "invalid_backup_code", "Unauthorized", "That backup code is not right.");
            case ALREADY_USED -> throw new ProblemException(409, "backup_code_used", "Conflict", "That backup code was already used.");
        };
    }
}
