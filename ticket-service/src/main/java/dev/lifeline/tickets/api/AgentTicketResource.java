package dev.lifeline.tickets.api;

import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.problem.Problems;
import dev.lifeline.security.RecentSignIn;
import dev.lifeline.tickets.domain.AgentDesk;
import dev.lifeline.tickets.domain.EmailCodes;
import dev.lifeline.tickets.domain.TicketQueue;
import dev.lifeline.tickets.domain.TicketViews;
import dev.lifeline.tickets.persistence.Ticket;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The agent queue and the work on one ticket; role {@code agent}. Every action is audited under the
 * agent's name; approving and rejecting also need a sign-in or step-up from the last minutes.
 */
@Path("/api/agent/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("agent")
@Tag(name = "Recovery desk")
public class AgentTicketResource {

    private final AgentDesk desk;
    private final TicketViews views;
    private final TicketQueue queue;
    private final JsonWebToken agent;
    private final RecentSignIn recentSignIn;
    private final EmailCodes emailCodes;

    public AgentTicketResource(AgentDesk desk, TicketViews views, TicketQueue queue, JsonWebToken agent,
                               RecentSignIn recentSignIn, EmailCodes emailCodes) {
        this.emailCodes = emailCodes;
        this.desk = desk;
        this.views = views;
        this.queue = queue;
        this.agent = agent;
        this.recentSignIn = recentSignIn;
    }

    public record CheckResult(@NotBlank @Size(max = 64) String name, @NotNull Boolean passed, @Size(max = 1000) String note) {
    }

    public record Approval(@Size(max = 1000) String note) {
    }

    public record Rejection(@NotBlank @Size(max = 1000) String reason) {
    }

    /**
     * One page of the queue, ordered by priority, then by the SLA's due time; without {@code status},
     * every open ticket. The body is the page's tickets; a {@code Link: <…>; rel="next"} header leads
     * to the next page while there is one.
     */
    @Operation(summary = "One page of the recovery queue, by priority then SLA due time (agent)")
    @GET
    public Response queue(@QueryParam("status") String status, @QueryParam("priority") String priority,
                          @QueryParam("overdue") boolean overdue, @QueryParam("q") @Size(max = 64) String search,
                          @QueryParam("limit") String limit, @QueryParam("after") @Size(max = 200) String after,
                          @Context UriInfo uri) {
        TicketQueue.Page page = queue.page(new TicketQueue.Filter(statuses(status), number("priority", priority), overdue, search),
                after, limit == null ? TicketQueue.DEFAULT_LIMIT : number("limit", limit));
        Response.ResponseBuilder answer = Response.ok(page.items());
        if (page.next() != null) {
            answer.link(uri.getRequestUriBuilder().replaceQueryParam("after", page.next()).build(), "next");
        }
        return answer.build();
    }

    @Operation(summary = "One recovery ticket with its checks, approvals and history (agent)")
    @GET
    @Path("/{id}")
    public TicketViews.Detail ticket(@PathParam("id") UUID id) {
        return views.detail(id, agent.getName());
    }

    @Operation(summary = "Claim a ticket to work on it (agent)")
    @POST
    @Path("/{id}/claim")
    public TicketViews.Detail claim(@PathParam("id") UUID id) {
        desk.claim(id, agent.getName());
        return views.detail(id, agent.getName());
    }

    @Operation(summary = "Record an identity check on a claimed ticket (agent)")
    @POST
    @Path("/{id}/checks")
    public TicketViews.Detail check(@PathParam("id") UUID id, @NotNull @Valid CheckResult check) {
        desk.check(id, agent.getName(), check.name(), check.passed(), check.note());
        return views.detail(id, agent.getName());
    }

    /** A one-time code to the account's address; the requester typing it back passes this agent's email check. */
    @Operation(summary = "Email a one-time code to the account's address, for the email check (agent)")
    @POST
    @Path("/{id}/email-code")
    @Consumes(MediaType.WILDCARD)
    public Response sendEmailCode(@PathParam("id") UUID id) {
        return Response.accepted(emailCodes.send(id, agent.getName())).build();
    }

    @Operation(summary = "Approve a recovery; the second approval by another agent starts the hold (agent)")
    @POST
    @Path("/{id}/approve")
    public TicketViews.Detail approve(@PathParam("id") UUID id, @Valid Approval approval) {
        recentSignIn.require("approve a recovery");
        desk.approve(id, agent.getName(), approval == null ? null : approval.note());
        return views.detail(id, agent.getName());
    }

    @Operation(summary = "Reject a recovery with a reason (agent)")
    @POST
    @Path("/{id}/reject")
    public TicketViews.Detail reject(@PathParam("id") UUID id, @NotNull @Valid Rejection rejection) {
        recentSignIn.require("reject a recovery");
        desk.reject(id, agent.getName(), rejection.reason());
        return views.detail(id, agent.getName());
    }

    private static Integer number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw Problems.badRequest("invalid_" + name, "'" + name + "' is a whole number.");
        }
    }

    private static Set<RecoveryTicketStatus> statuses(String status) {
        if (status == null || status.isBlank()) {
            return Ticket.OPEN_STATUSES;
        }
        try {
            return EnumSet.of(RecoveryTicketStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("invalid_status", "Unknown status '" + status + "'.")
                    .with("statuses", List.of(RecoveryTicketStatus.values()));
        }
    }
}
