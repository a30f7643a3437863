package dev.lifeline.auth.messaging;

import dev.lifeline.auth.persistence.SmsRequest;
import dev.lifeline.contracts.events.DeliveryStatus;
import dev.lifeline.contracts.events.OtpDeliveryStatusChanged;
import dev.lifeline.outbox.AppliedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code otp.delivery-status}: which texts reached the person and which otp-service gave up on. Outage
 * mode forgives the caps only for texts that never arrived (see {@code SmsRequest.forgiveUndeliveredSince});
 * a failed text sends the person on the sign-in page to another factor ({@code ChallengeView.lastText}).
 */
@ApplicationScoped
public class DeliveryStatusConsumer {

    private static final String CONSUMER = "auth-sms-delivered";

    private final AppliedEvents applied;

    public DeliveryStatusConsumer(AppliedEvents applied) {
        this.applied = applied;
    }

    @Incoming("delivery-status")
    @Blocking
    public void onDeliveryStatus(String record) {
        applied.applyOnce(CONSUMER, record, event -> {
            if (event.payload() instanceof OtpDeliveryStatusChanged change) {
                if (change.status() == DeliveryStatus.DELIVERED) {
                    SmsRequest.markDelivered(change.challengeId(), event.occurredAt());
                } else if (change.status() == DeliveryStatus.FAILED) {
                    SmsRequest.markFailed(change.challengeId(), event.occurredAt());
                }
            }
            return null;
        });
    }
}
