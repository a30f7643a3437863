package dev.lifeline.auth.messaging;

import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.SmsChannel;
import dev.lifeline.auth.persistence.SmsRequest;
import dev.lifeline.contracts.events.SmsChannelHealthChanged;
import dev.lifeline.contracts.events.SmsChannelState;
import dev.lifeline.outbox.AppliedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code sms.channel-health}: what sign-in offers follows the channel's state, with no restart.
 * When the channel starts failing, the texts people asked for in the time before it was noticed
 * stop counting against their caps: they were most likely never received.
 */
@ApplicationScoped
public class SmsChannelHealthConsumer {

    private static final Logger LOG = Logger.getLogger(SmsChannelHealthConsumer.class);
    private static final String CONSUMER = "auth-sms-channel";

    private final AppliedEvents applied;
    private final AuthConfig.Outage outage;

    public SmsChannelHealthConsumer(AppliedEvents applied, AuthConfig config) {
        this.applied = applied;
        this.outage = config.outage();
    }

    @Incoming("sms-channel-health")
    @Blocking
    public void onChange(String record) {
        applied.applyOnce(CONSUMER, record, event -> {
            if (!(event.payload() instanceof SmsChannelHealthChanged change)) {
                return null;
            }
            SmsChannel channel = SmsChannel.current();
            // the topic is ordered per key, but an older state must never overwrite a newer one
            if (change.since().isBefore(channel.since)) {
                return null;
            }
            if (channel.usable() && change.state() != SmsChannelState.HEALTHY) {
                int forgiven = SmsRequest.forgiveUndeliveredSince(change.since().minus(outage.forgiveSmsRequestedWithin()));
                LOG.infof("outage mode: %d text requests no longer count against caps", forgiven);
            }
            channel.state = change.state();
            channel.reason = change.reason();
            channel.since = change.since();
            LOG.infof("SMS channel is %s: %s", change.state(), change.reason());
            return null;
        });
    }
}
