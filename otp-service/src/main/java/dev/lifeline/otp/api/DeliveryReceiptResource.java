package dev.lifeline.otp.api;

import dev.lifeline.contracts.providers.TwilioSignature;
import dev.lifeline.otp.config.OtpConfig;
import dev.lifeline.otp.domain.SmsDelivery;
import dev.lifeline.problem.ProblemException;
import dev.lifeline.problem.Problems;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Where providers post delivery receipts (Twilio's StatusCallback), one URL per message. Open to
 * the internet, so a receipt counts only when it carries the provider's {@code X-Twilio-Signature}
 * over this URL as the provider was told it, and only for a message that provider carried.
 */
@Path("/callbacks/sms/{provider}/{messageId}")
@PermitAll
@Tag(name = "SMS providers")
public class DeliveryReceiptResource {

    private final SmsDelivery delivery;
    private final OtpConfig config;

    public DeliveryReceiptResource(SmsDelivery delivery, OtpConfig config) {
        this.delivery = delivery;
        this.config = config;
    }

    @Operation(summary = "An SMS provider's delivery receipt (signed by the provider)")
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response receipt(@PathParam("provider") String provider, @PathParam("messageId") UUID messageId,
                            @HeaderParam(TwilioSignature.HEADER) String signature, MultivaluedMap<String, String> form) {
        OtpConfig.Provider account = config.providers().get(provider);
        Map<String, String> params = new HashMap<>();
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        if (account == null || !TwilioSignature.isValid(signature, account.authToken(),
                SmsDelivery.callbackUrl(config, provider, messageId), params)) {
            throw new ProblemException(403, "invalid_signature", "Forbidden",
                    "A delivery receipt must be signed by the provider that carried the message.");
        }
        String status = params.get("MessageStatus");
        if (status == null || status.isBlank()) {
            throw Problems.badRequest("missing_status", "A delivery receipt needs a MessageStatus.");
        }
        // an unknown message is acknowledged too: a provider retrying it forever helps nobody
        if (delivery.receipt(messageId, provider, status) == SmsDelivery.Receipt.OTHER_PROVIDER) {
            throw new ProblemException(403, "provider_mismatch", "Forbidden",
                    "This message was carried by another provider.");
        }
        return Response.noContent().build();
    }
}
