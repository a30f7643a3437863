package dev.lifeline.tickets.api;

import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.internal.RecoveryTicketConfirmation;
import dev.lifeline.problem.Problems;
import dev.lifeline.tickets.persistence.Ticket;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * auth-service confirms an approval it read on {@code recovery.tickets} before it acts on it: the
 * event is a claim, this ticket's row is the truth. Internal, service token of auth-service only.
 */
@Path(RecoveryTicketConfirmation.PATH)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Services.AUTH_SERVICE_ROLE)
@Tag(name = "Internal")
public class InternalTicketResource {

    @Operation(summary = "A recovery ticket's state (auth-service only)")
    @GET
    @Path("/{id}")
    public RecoveryTicketConfirmation.Ticket ticket(@PathParam("id") UUID id) {
        Ticket ticket = QuarkusTransaction.requiringNew().call(() -> Ticket.<Ticket>findById(id));
        if (ticket == null) {
            throw Problems.notFound("ticket_not_found", "There is no recovery ticket with this id.");
        }
        return new RecoveryTicketConfirmation.Ticket(ticket.id, ticket.accountId, ticket.status);
    }
}
