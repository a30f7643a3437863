package dev.lifeline.otp.api;

import dev.lifeline.contracts.events.SmsChannelState;
import dev.lifeline.observability.OpsHistory;
import dev.lifeline.otp.domain.SmsChannelMonitor;
import dev.lifeline.otp.domain.SmsHistory;
import dev.lifeline.problem.Problems;
import dev.lifeline.security.RecentSignIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;

/**
 * What ops see of the SMS channel, its state since when and why, each provider's breaker and
 * rates; and their override of the state, with a reason and an expiry. Role {@code ops} only; setting
 * or clearing an override also needs a sign-in or step-up from the last minutes.
 */
@Path("/api/ops/sms-health")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ops")
@Tag(name = "Ops")
public class SmsHealthResource {

    private final SmsChannelMonitor monitor;
    private final SmsHistory history;
    private final JsonWebToken caller;
    private final RecentSignIn recentSignIn;

    public SmsHealthResource(SmsChannelMonitor monitor, SmsHistory history, JsonWebToken caller, RecentSignIn recentSignIn) {
        this.monitor = monitor;
        this.history = history;
        this.caller = caller;
        this.recentSignIn = recentSignIn;
    }

    /** {@code minutes}: how long the override lasts; it ends by itself. */
    public record OverrideRequest(SmsChannelState state, String reason, Integer minutes) {
    }

    @Operation(summary = "The SMS channel now: state, reason, providers' breakers, delivery and conversion (ops)")
    @GET
    public SmsChannelMonitor.Report health() {
        return monitor.report();
    }

    /** The last {@code hours} (1 to 168, default 24): each state with why, and per provider and interval what it carried. */
    @Operation(summary = "The SMS channel's changes and delivery per provider, per 15 minutes (ops)")
    @GET
    @Path("/history")
    public SmsHistory.History history(@QueryParam("hours") @DefaultValue("24") int hours) {
        return history.last(OpsHistory.span(hours), OpsHistory.interval(hours));
    }

    @Operation(summary = "Hold the SMS channel in a state for a while, with a reason (ops, recent sign-in)")
    @PUT
    @Path("/override")
    @Consumes(MediaType.APPLICATION_JSON)
    public SmsChannelMonitor.Report override(OverrideRequest request) {
        recentSignIn.require("override the SMS channel");
        if (request == null || request.state() == null) {
            throw Problems.badRequest("invalid_state", "Give the state to hold: HEALTHY, DEGRADED or DOWN.");
        }
        Duration lasting = request.minutes() == null ? null : Duration.ofMinutes(request.minutes());
        return monitor.override(request.state(), request.reason(), lasting, caller.getName());
    }

    @Operation(summary = "End the override: the channel is judged from traffic again (ops, recent sign-in)")
    @DELETE
    @Path("/override")
    public SmsChannelMonitor.Report clearOverride() {
        recentSignIn.require("clear the override");
        return monitor.clearOverride(caller.getName());
    }
}
