package dev.lifeline.otp.messaging;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventJson;
import dev.lifeline.contracts.events.OtpRequested;
import dev.lifeline.otp.domain.OtpCodes;
import dev.lifeline.otp.domain.SmsDelivery;
import dev.lifeline.outbox.AppliedEvents;
import dev.lifeline.outbox.ConsumerRetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * {@code auth.otp-requested}: issue a code and send it. The code, its message and the record that
 * this event was applied commit together, so a redelivered event sends nothing twice.
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
        EventEnvelope event;
        try {
            event = EventJson.decode(record);
        } catch (EventJson.MalformedEventException e) {
            LOG.errorf("skipping a record on auth.otp-requested that is not an event: %s", e.getMessage());
            return;
        }
        if (!(event.payload() instanceof OtpRequested request)) {
            LOG.warnf("skipping event %s of unexpected type %s", event.eventId(), event.type());
            return;
        }
        Optional<SmsDelivery.Pending> pending = ConsumerRetry.untilApplied(CONSUMER, () -> QuarkusTransaction.requiringNew().call(() -> {
            if (!applied.firstApplication(CONSUMER, event)) {
                return Optional.empty();
            }
            String code = codes.issue(request.challengeId(), request.accountId());
            return Optional.of(delivery.queue(request.challengeId(), request.phone(), code));
        }));
        pending.ifPresent(delivery::send);
    }
}
