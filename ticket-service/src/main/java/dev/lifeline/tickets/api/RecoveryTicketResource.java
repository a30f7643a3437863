package dev.lifeline.tickets.api;

import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.problem.Problems;
import dev.lifeline.tickets.domain.EmailCodes;
import dev.lifeline.tickets.domain.RecoveryRequests;
import io.vertx.core.http.HttpServerRequest;
import dev.lifeline.security.ClientAddress;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * "I can't sign in": open a recovery request without signing in, follow it and withdraw it with its
 * tracking code; the owner cancels the whole ticket with the link emailed to the account's address.
 */
@Path("/api/recovery-tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Recovery")
public class RecoveryTicketResource {

    private final RecoveryRequests requests;
    private final EmailCodes emailCodes;

    public RecoveryTicketResource(RecoveryRequests requests, EmailCodes emailCodes) {
        this.emailCodes = emailCodes;
        this.requests = requests;
    }

    public record NewRequest(@NotBlank @Size(max = 64) String username,
                             @NotBlank @Email @Size(max = 254) String contactEmail,
                             @NotBlank @Size(max = 2000) String details) {
    }

    /** {@code cancelToken}: the owner's link, ends the ticket; {@code trackingCode}: withdraws that one request. */
    public record EmailCode(@NotBlank @Size(max = 64) String trackingCode, @NotBlank @Size(max = 16) String code) {
    }

    /** The code support sent to the account's address, typed back by the requester: proves they read it. */
    @Operation(summary = "Type back the code an agent emailed, to pass the email check")
    @POST
    @Path("/{id}/email-code")
    public Response confirmEmailCode(@PathParam("id") UUID id, @NotNull @Valid EmailCode confirmation) {
        emailCodes.confirm(id, confirmation.trackingCode(), confirmation.code());
        return Response.noContent().build();
    }

    public record CancelRequest(@Size(max = 64) String cancelToken, @Size(max = 64) String trackingCode) {
    }

    /**
     * 202 with the same shape and status for any username: the answer tells nobody which accounts
     * there are, or that a recovery is already under way.
     */
    @Operation(summary = "Ask to recover an account with no factor left: the same 202 for any username")
    @POST
    public Response open(@NotNull @Valid NewRequest request, @Context HttpServerRequest http) {
        RecoveryRequests.Opened opened = requests.open(request.username(), request.contactEmail(), request.details(), ClientAddress.of(http));
        return Response.accepted(opened).build();
    }

    @Operation(summary = "How a recovery request stands, with its tracking code")
    @GET
    @Path("/{id}")
    public RecoveryRequests.Progress progress(@PathParam("id") UUID id,
                                              @QueryParam("trackingCode") @NotBlank @Size(max = 64) String trackingCode) {
        return requests.progress(id, trackingCode);
    }

    @Operation(summary = "Cancel a recovery with the owner's emailed cancel token, or withdraw a request with its tracking code")
    @POST
    @Path("/{id}/cancel")
    public Object cancel(@PathParam("id") UUID id, @NotNull @Valid CancelRequest request) {
        if (request.cancelToken() != null && !request.cancelToken().isBlank()) {
            return new Cancelled(requests.cancelByLink(id, request.cancelToken()));
        }
        if (request.trackingCode() != null && !request.trackingCode().isBlank()) {
            return requests.withdraw(id, request.trackingCode());
        }
        throw Problems.badRequest("code_required", "Give the cancel token from the email, or your request's tracking code.");
    }

    public record Cancelled(RecoveryTicketStatus status) {
    }
}
