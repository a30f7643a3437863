package dev.lifeline.otp.api;

import dev.lifeline.otp.domain.SmsDelivery;
import dev.lifeline.problem.Problems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** Where providers post delivery receipts (Twilio's StatusCallback), one URL per message. */
@Path("/callbacks/sms/{provider}/{messageId}")
public class DeliveryReceiptResource {

    private final SmsDelivery delivery;

    public DeliveryReceiptResource(SmsDelivery delivery) {
        this.delivery = delivery;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response receipt(@PathParam("provider") String provider, @PathParam("messageId") UUID messageId,
                            @FormParam("MessageStatus") String status) {
        if (status == null || status.isBlank()) {
            throw Problems.badRequest("missing_status", "A delivery receipt needs a MessageStatus.");
        }
        // an unknown message is acknowledged too: a provider retrying it forever helps nobody
        delivery.receipt(messageId, provider, status);
        return Response.noContent().build();
    }
}
