package dev.lifeline.tickets.api;

import dev.lifeline.tickets.domain.RecoveryRequests;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * A signed-in owner's view of recoveries of their own account: what is open, and "this wasn't me".
 * A session of the account is proof enough to stop a recovery; it can never start or speed one.
 */
@Path("/api/me/recovery-tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
@Tag(name = "Recovery")
public class MyRecoveryTicketResource {

    private final RecoveryRequests requests;
    private final JsonWebToken caller;

    public MyRecoveryTicketResource(RecoveryRequests requests, JsonWebToken caller) {
        this.requests = requests;
        this.caller = caller;
    }

    @Operation(summary = "Recoveries under way for the signed-in account")
    @GET
    public List<RecoveryRequests.OwnTicket> open() {
        return requests.ofAccount(accountId());
    }

    @Operation(summary = "Cancel a recovery of your account (the real owner, signed in)")
    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    public RecoveryTicketResource.Cancelled cancel(@PathParam("id") UUID id) {
        return new RecoveryTicketResource.Cancelled(requests.cancelByOwner(id, accountId()));
    }

    private UUID accountId() {
        return UUID.fromString(caller.getSubject());
    }
}
