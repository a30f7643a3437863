package dev.lifeline.tickets.api;

import dev.lifeline.observability.OpsHistory;
import dev.lifeline.tickets.domain.QueueHistory;
import dev.lifeline.tickets.domain.TicketViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How deep the recovery queue is, for the ops dashboard during an outage; role {@code ops}, no personal data. */
@Path("/api/ops/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ops")
@Tag(name = "Ops")
public class OpsTicketResource {

    private final TicketViews views;
    private final QueueHistory history;

    public OpsTicketResource(TicketViews views, QueueHistory history) {
        this.views = views;
        this.history = history;
    }

    @Operation(summary = "The recovery queue's depth and tickets past their SLA (ops)")
    @GET
    public TicketViews.QueueDepth depth() {
        return views.depth();
    }

    /** The last {@code hours} (1 to 168, default 24): open tickets and those past the SLA, at the end of each interval. */
    @Operation(summary = "Open recovery tickets and those past the SLA, per 15 minutes (ops)")
    @GET
    @Path("/history")
    public QueueHistory.History history(@QueryParam("hours") @DefaultValue("24") int hours) {
        return history.last(OpsHistory.span(hours), OpsHistory.interval(hours));
    }
}
