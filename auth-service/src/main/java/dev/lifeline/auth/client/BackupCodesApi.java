package dev.lifeline.auth.client;

import dev.lifeline.contracts.internal.BackupCodeChecks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * backup-code-service's internal endpoints; see {@link BackupCodesClient}. A REST client, not an
 * endpoint: auth-service only calls out with it (nothing is served at this path here, tested in
 * {@code DenyByDefaultTest}); backup-code-service's side lets in auth-service's service token alone.
 */
@RegisterRestClient(configKey = "backup-code-service")
@Path(BackupCodeChecks.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface BackupCodesApi {

    @POST
    @Path(BackupCodeChecks.SETS)
    BackupCodeChecks.NewSet generate(@HeaderParam("Authorization") String serviceToken, BackupCodeChecks.ForAccount request);

    @POST
    @Path(BackupCodeChecks.VERIFICATIONS)
    BackupCodeChecks.Verdict verify(@HeaderParam("Authorization") String serviceToken, BackupCodeChecks.Attempt attempt);
}
