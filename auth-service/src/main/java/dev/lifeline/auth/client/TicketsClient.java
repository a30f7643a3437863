package dev.lifeline.auth.client;

import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.internal.RecoveryTicketConfirmation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Optional;
import java.util.UUID;

/**
 * ticket-service's word on a ticket. Asked by the consumer of {@code recovery.tickets}, not while a
 * person waits: when ticket-service cannot answer, the call fails and the consumer tries again.
 */
@ApplicationScoped
public class TicketsClient {

    private final TicketsApi api;
    private final ServiceTokens serviceTokens;

    public TicketsClient(@RestClient TicketsApi api, ServiceTokens serviceTokens) {
        this.api = api;
        this.serviceTokens = serviceTokens;
    }

    /** The ticket as ticket-service holds it; empty when there is no such ticket. */
    public Optional<RecoveryTicketConfirmation.Ticket> ticket(UUID ticketId) {
        try {
            return Optional.of(ServiceBreakers.elsewhereIfRefused(() -> api.ticket(serviceTokens.headerFor(Services.TICKETS), ticketId)).get());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
