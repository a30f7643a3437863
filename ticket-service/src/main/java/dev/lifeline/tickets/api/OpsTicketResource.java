package dev.lifeline.tickets.api;

import dev.lifeline.tickets.domain.TicketViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** How deep the recovery queue is, for the ops dashboard during an outage; role {@code ops}, no personal data. */
@Path("/api/ops/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ops")
public class OpsTicketResource {

    private final TicketViews views;

    public OpsTicketResource(TicketViews views) {
        this.views = views;
    }

    @GET
    public TicketViews.QueueDepth depth() {
        return views.depth();
    }
}
