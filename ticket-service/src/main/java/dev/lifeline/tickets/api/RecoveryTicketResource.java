package dev.lifeline.tickets.api;

import dev.lifeline.tickets.domain.RecoveryRequests;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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

import java.util.UUID;

/** "I can't sign in": open a recovery request without signing in, follow it, withdraw or cancel it. */
@Path("/api/recovery-tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class RecoveryTicketResource {

    private final RecoveryRequests requests;

    public RecoveryTicketResource(RecoveryRequests requests) {
        this.requests = requests;
    }

    public record NewRequest(@NotBlank @Size(max = 64) String username,
                             @NotBlank @Email @Size(max = 254) String contactEmail,
                             @NotBlank @Size(max = 2000) String details) {
    }

    public record CancelRequest(@Size(max = 64) String cancelToken, @Size(max = 64) String trackingCode) {
    }

    /** 202 whether or not the username exists: the answer tells nobody which accounts there are. */
    @POST
    public Response open(@NotNull @Valid NewRequest request, @Context HttpServerRequest http) {
        RecoveryRequests.Opened opened = requests.open(request.username(), request.contactEmail(), request.details(), clientIp(http));
        return Response.accepted(opened).build();
    }

    @GET
    @Path("/{id}")
    public RecoveryRequests.Progress progress(@PathParam("id") UUID id,
                                              @QueryParam("trackingCode") @NotBlank @Size(max = 64) String trackingCode) {
        return requests.progress(id, trackingCode);
    }

    @POST
    @Path("/{id}/cancel")
    public RecoveryRequests.Progress cancel(@PathParam("id") UUID id, @NotNull @Valid CancelRequest request) {
        return requests.cancel(id, request.cancelToken(), request.trackingCode());
    }

    /** The gateway puts the client's address in X-Forwarded-For, replacing whatever the client claimed. */
    private static String clientIp(HttpServerRequest http) {
        String forwarded = http.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
