package dev.lifeline.auth.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** backup-code-service's internal endpoints; answers are read by status, see {@link BackupCodesClient}. */
@RegisterRestClient(configKey = "backup-code-service")
@Path("/internal/backup-codes")
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public interface BackupCodesApi {

    record ForAccount(UUID accountId) {
    }

    record Attempt(UUID accountId, String code) {
    }

    @POST
    @Path("/sets")
    Response generate(ForAccount request);

    @POST
    @Path("/verifications")
    Response verify(Attempt attempt);
}
