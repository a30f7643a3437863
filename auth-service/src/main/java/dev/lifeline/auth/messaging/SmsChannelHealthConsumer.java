package dev.lifeline.auth.messaging;

import dev.lifeline.auth.persistence.SmsChannel;
import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventJson;
import dev.lifeline.contracts.events.SmsChannelHealthChanged;
import dev.lifeline.outbox.AppliedEvents;
import dev.lifeline.outbox.ConsumerRetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** {@code sms.channel-health}: what sign-in offers follows the channel's state, with no restart. */
@ApplicationScoped
public class SmsChannelHealthConsumer {

    private static final Logger LOG = Logger.getLogger(SmsChannelHealthConsumer.class);
    private static final String CONSUMER = "auth-sms-channel";

    private final AppliedEvents applied;

    public SmsChannelHealthConsumer(AppliedEvents applied) {
        this.applied = applied;
    }

    @Incoming("sms-channel-health")
    @Blocking
    public void onChange(String record) {
        EventEnvelope event;
        try {
            event = EventJson.decode(record);
        } catch (EventJson.MalformedEventException e) {
            LOG.errorf("skipping a record on sms.channel-health that is not an event: %s", e.getMessage());
            return;
        }
        if (!(event.payload() instanceof SmsChannelHealthChanged change)) {
            return;
        }
        ConsumerRetry.untilApplied(CONSUMER, () -> QuarkusTransaction.requiringNew().call(() -> {
            SmsChannel channel = SmsChannel.current();
            // the topic is ordered per key, but an older state must never overwrite a newer one
            if (applied.firstApplication(CONSUMER, event) && !change.since().isBefore(channel.since)) {
                channel.state = change.state();
                channel.reason = change.reason();
                channel.since = change.since();
                LOG.infof("SMS channel is %s: %s", change.state(), change.reason());
            }
            return null;
        }));
    }
}
