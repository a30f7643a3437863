package dev.lifeline.otp.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Twilio's Messages API (the part Lifeline uses); built per provider by {@link SmsProviders}. A REST
 * client, not an endpoint: otp-service calls the provider with it, authenticated by the provider's
 * account SID and auth token; nothing is served at this path here ({@code OutboundClientsTest}).
 */
@Path("/2010-04-01/Accounts/{accountSid}/Messages.json")
public interface TwilioMessagesApi {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String sid, String status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Message create(@PathParam("accountSid") String accountSid,
                   @HeaderParam("Authorization") String authorization,
                   @FormParam("To") String to,
                   @FormParam("From") String from,
                   @FormParam("Body") String body,
                   @FormParam("StatusCallback") String statusCallback);
}
