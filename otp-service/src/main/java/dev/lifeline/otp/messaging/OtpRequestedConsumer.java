package dev.lifeline.otp.messaging;

import dev.lifeline.contracts.events.OtpRequested;
import dev.lifeline.otp.domain.OtpCodes;
import dev.lifeline.otp.domain.SmsDelivery;
import dev.lifeline.outbox.AppliedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code auth.otp-requested}: issue a code and send it. The code, its message and the record that
 * this event was applied commit together, so a redelivered event sends nothing twice. A request that
 * arrives after its code would have expired (Kafka was away) sends nothing and ends FAILED.
 */
@ApplicationScoped
public class OtpRequestedConsumer {

    private static final Logger LOG = Logger.getLogger(OtpRequestedConsumer.class);
    private static final String CONSUMER = "otp-sender";

    private final AppliedEvents applied;
    private final OtpCodes codes;
    private final SmsDelivery delivery;

    public OtpRequestedConsumer(AppliedEvents applied, OtpCodes codes, SmsDelivery delivery) {
        this.applied = applied;
        this.codes = codes;
        this.delivery = delivery;
    }

    @Incoming("otp-requested")
    @Blocking
    public void onOtpRequested(String record) {
        applied.applyOnce(CONSUMER, record, event -> {
            if (!(event.payload() instanceof OtpRequested request)) {
                LOG.warnf("skipping event %s of unexpected type %s", event.eventId(), event.type());
                return null;
            }
            if (delivery.tooLateToSend(event.occurredAt())) {
                delivery.endTooLate(request.challengeId(), request.phone(), event.occurredAt());
                return null;
            }
            boolean judgesChannel = codes.judgesChannel(request.accountId(), request.purpose());
            String code = codes.issue(request.challengeId(), request.accountId(), judgesChannel);
            return delivery.queue(request.challengeId(), request.phone(), code, judgesChannel);
        }).ifPresent(delivery::send);
    }
}
