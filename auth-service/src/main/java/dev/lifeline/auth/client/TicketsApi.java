package dev.lifeline.auth.client;

import dev.lifeline.contracts.internal.RecoveryTicketConfirmation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/**
 * ticket-service's internal confirmation of a ticket; see {@link TicketsClient}. A REST client, not an
 * endpoint: auth-service only calls out with it (nothing is served at this path here, tested in
 * {@code DenyByDefaultTest}); ticket-service's side lets in auth-service's service token alone.
 */
@RegisterRestClient(configKey = "ticket-service")
@Path(RecoveryTicketConfirmation.PATH)
public interface TicketsApi {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    RecoveryTicketConfirmation.Ticket ticket(@HeaderParam("Authorization") String serviceToken, @PathParam("id") UUID ticketId);
}
