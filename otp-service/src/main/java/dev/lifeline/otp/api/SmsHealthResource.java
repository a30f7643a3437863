package dev.lifeline.otp.api;

import dev.lifeline.otp.domain.SmsChannelMonitor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What ops see of the SMS channel: its state since when and why, and each provider's breaker and rates. */
@Path("/api/ops/sms-health")
@Produces(MediaType.APPLICATION_JSON)
public class SmsHealthResource {

    private final SmsChannelMonitor monitor;

    public SmsHealthResource(SmsChannelMonitor monitor) {
        this.monitor = monitor;
    }

    @GET
    public SmsChannelMonitor.Report health() {
        return monitor.report();
    }
}
