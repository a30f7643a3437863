package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.SignInHistory;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.observability.OpsHistory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How people signed in over the last hours, for the /ops charts (role {@code ops}, counts only, no personal data). */
@Path("/api/ops/sign-ins")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Account.OPS)
@Tag(name = "Ops")
public class OpsSignInsResource {

    private final SignInHistory history;

    public OpsSignInsResource(SignInHistory history) {
        this.history = history;
    }

    /** The last {@code hours} (1 to 168, default 24): sign-ins completed by factor, and people routed from SMS to each factor. */
    @Operation(summary = "Sign-ins by factor and people routed away from SMS, per 15 minutes (ops)")
    @GET
    @Path("/history")
    public SignInHistory.History history(@QueryParam("hours") @DefaultValue("24") int hours) {
        return history.last(OpsHistory.span(hours), OpsHistory.interval(hours));
    }
}
