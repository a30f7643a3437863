package dev.lifeline.otp.domain;

import dev.lifeline.contracts.events.OtpDeliveryStatusChanged;
import dev.lifeline.otp.client.SmsProvider;
import dev.lifeline.otp.client.SmsProviders;
import dev.lifeline.otp.config.OtpConfig;
import dev.lifeline.otp.persistence.SmsMessage;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.security.Masking;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Carries codes to phones: a message is queued in the transaction that issued its code, handed to
 * the first provider that takes it once that transaction has committed, and followed through the
 * provider's delivery receipts. Every change of status is published on {@code otp.delivery-status}.
 */
@Startup
@ApplicationScoped
public class SmsDelivery {

    private static final Logger LOG = Logger.getLogger(SmsDelivery.class);

    @Inject
    Clock clock;

    private final SmsProviders providers;
    private final Outbox outbox;
    private final OtpConfig config;

    private final MeterRegistry meters;

    public SmsDelivery(SmsProviders providers, Outbox outbox, OtpConfig config, MeterRegistry meters) {
        this.providers = providers;
        this.outbox = outbox;
        this.config = config;
        this.meters = meters;
        // every provider's series from the start (at 0), so rates and the dashboard see its first text
        for (SmsProvider provider : providers.inOrder()) {
            for (SmsMessage.Status status : List.of(SmsMessage.Status.SENT, SmsMessage.Status.DELIVERED, SmsMessage.Status.FAILED)) {
                messages(status, provider.name());
            }
        }
    }

    /** A message waiting for a provider; holds the text, which is kept nowhere else. */
    public record Pending(UUID messageId, UUID challengeId, String phone, String text) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Pending queue(UUID challengeId, String phone, String code, boolean judgesChannel) {
        SmsMessage message = new SmsMessage();
        message.id = UUID.randomUUID();
        message.challengeId = challengeId;
        message.phone = phone;
        message.judgesChannel = judgesChannel;
        message.countryCode = countryCodeOf(phone);
        message.status = SmsMessage.Status.QUEUED;
        message.requestedAt = clock.instant();
        message.persist();
        String text = "Your Lifeline code is " + code + ". It expires in " + config.codeTtl().toMinutes()
                + " minutes. Never share it with anyone.";
        return new Pending(message.id, challengeId, phone, text);
    }

    /** Whether a code asked for at {@code askedAt} would have expired by now: then no text should go out. */
    public boolean tooLateToSend(Instant askedAt) {
        return askedAt.plus(config.codeTtl()).isBefore(clock.instant());
    }

    /**
     * A request that reached this service only after its code would have expired (Kafka was away
     * longer than a code lives): no text, a FAILED delivery, so auth-service sends the person to
     * another factor instead of a code that could not work.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endTooLate(UUID challengeId, String phone, Instant askedAt) {
        SmsMessage message = new SmsMessage();
        message.id = UUID.randomUUID();
        message.challengeId = challengeId;
        message.phone = phone;
        message.countryCode = countryCodeOf(phone);
        message.status = SmsMessage.Status.FAILED;
        message.requestedAt = askedAt;
        message.failureReason = "asked for at " + askedAt + ", received after the code would have expired";
        message.persist();
        LOG.warnf("SMS to %s not sent: %s", Masking.phone(phone), message.failureReason);
        publish(message, clock.instant(), message.failureReason);
    }

    /** Outside any transaction: a provider call may take seconds. */
    public void send(Pending pending) {
        String lastRefusal = "no provider is configured";
        for (SmsProvider provider : providers.inOrder()) {
            try {
                String sid = provider.send(pending.phone(), pending.text(), callbackUrl(config, provider.name(), pending.messageId()));
                QuarkusTransaction.requiringNew().run(() -> recordSent(pending.messageId(), provider.name(), sid));
                return;
            } catch (CallNotPermittedException e) {
                lastRefusal = provider.name() + ": circuit open";
                LOG.debugf("SMS provider %s skipped: its circuit is open", provider.name());
            } catch (RuntimeException e) {
                lastRefusal = provider.name() + ": " + e.getMessage();
                LOG.warnf("SMS provider %s refused a message to %s: %s", provider.name(), Masking.phone(pending.phone()), e.getMessage());
            }
        }
        String reason = lastRefusal;
        QuarkusTransaction.requiringNew().run(() -> recordFailed(pending.messageId(), reason));
    }

    public enum Receipt {
        APPLIED,
        UNKNOWN_MESSAGE,
        /** The message went out through another provider; its receipts are not this one's to give. */
        OTHER_PROVIDER
    }

    /** A provider's (verified) delivery receipt; receipts may come twice or before the send was recorded. */
    @Transactional
    public Receipt receipt(UUID messageId, String provider, String providerStatus) {
        SmsMessage message = SmsMessage.findById(messageId, LockModeType.PESSIMISTIC_WRITE);
        if (message == null) {
            return Receipt.UNKNOWN_MESSAGE;
        }
        if (message.provider != null && !message.provider.equals(provider)) {
            return Receipt.OTHER_PROVIDER;
        }
        Instant now = clock.instant();
        switch (providerStatus.toLowerCase(Locale.ROOT)) {
            case "delivered" -> {
                if (message.status != SmsMessage.Status.DELIVERED) {
                    message.status = SmsMessage.Status.DELIVERED;
                    message.deliveredAt = now;
                    message.provider = provider;
                    publish(message, now, null);
                }
            }
            case "failed", "undelivered" -> {
                if (message.status != SmsMessage.Status.DELIVERED && message.status != SmsMessage.Status.FAILED) {
                    message.status = SmsMessage.Status.FAILED;
                    message.failureReason = provider + " reported " + providerStatus;
                    publish(message, now, message.failureReason);
                }
            }
            default -> {
                // queued, sending, sent: nothing a person or ops would act on
            }
        }
        return Receipt.APPLIED;
    }

    /**
     * Ends messages that are stuck, so no request silently vanishes: queued but never handed to a
     * provider (the service stopped in between; the text is gone with it), or sent with no receipt
     * long after. A receipt that still comes later wins.
     */
    @Scheduled(every = "${lifeline.otp.health.evaluate-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void endStuckMessages() {
        Instant now = clock.instant();
        for (SmsMessage message : SmsMessage.stuck(now.minus(config.delivery().queuedTimeout()),
                now.minus(config.delivery().receiptTimeout()))) {
            message.failureReason = message.status == SmsMessage.Status.QUEUED
                    ? "never handed to a provider"
                    : "no delivery receipt within " + config.delivery().receiptTimeout().toSeconds() + " s";
            message.status = SmsMessage.Status.FAILED;
            LOG.infof("SMS %s to %s given up: %s", message.id, Masking.phone(message.phone), message.failureReason);
            publish(message, now, message.failureReason);
        }
    }

    void recordSent(UUID messageId, String provider, String sid) {
        SmsMessage message = SmsMessage.findById(messageId, LockModeType.PESSIMISTIC_WRITE);
        message.provider = provider;
        message.providerSid = sid;
        message.sentAt = clock.instant();
        if (message.status == SmsMessage.Status.QUEUED) {
            message.status = SmsMessage.Status.SENT;
            publish(message, message.sentAt, null);
        }
    }

    void recordFailed(UUID messageId, String reason) {
        SmsMessage message = SmsMessage.findById(messageId, LockModeType.PESSIMISTIC_WRITE);
        message.status = SmsMessage.Status.FAILED;
        message.failureReason = reason;
        publish(message, clock.instant(), reason);
    }

    private void publish(SmsMessage message, Instant at, String failureReason) {
        messages(message.status, message.provider == null ? "none" : message.provider).increment();
        long latency = Duration.between(message.requestedAt, at).toMillis();
        outbox.publish(message.challengeId.toString(), new OtpDeliveryStatusChanged(message.challengeId,
                message.status.asDeliveryStatus(), message.provider, latency, failureReason));
    }

    private Counter messages(SmsMessage.Status status, String provider) {
        return meters.counter("lifeline.sms.messages", "status", status.name().toLowerCase(Locale.ROOT), "provider", provider);
    }

    /** Where {@code provider} posts the receipts of one message: also the URL its signature covers. */
    public static String callbackUrl(OtpConfig config, String provider, UUID messageId) {
        return config.callbackBaseUrl().resolve("/callbacks/sms/" + provider + "/" + messageId).toString();
    }

    /** The country calling code of an E.164 number ("44" for +44…); "unknown" when it cannot be read. */
    static String countryCodeOf(String phone) {
        try {
            return Integer.toString(PhoneNumberUtil.getInstance().parse(phone, null).getCountryCode());
        } catch (NumberParseException e) {
            return "unknown";
        }
    }

}
