package dev.lifeline.otp.domain;

import dev.lifeline.contracts.events.OtpDeliveryStatusChanged;
import dev.lifeline.otp.client.SmsProvider;
import dev.lifeline.otp.client.SmsProviders;
import dev.lifeline.otp.config.OtpConfig;
import dev.lifeline.otp.persistence.SmsMessage;
import dev.lifeline.outbox.Outbox;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Carries codes to phones: a message is queued in the transaction that issued its code, handed to
 * the first provider that takes it once that transaction has committed, and followed through the
 * provider's delivery receipts. Every change of status is published on {@code otp.delivery-status}.
 */
@ApplicationScoped
public class SmsDelivery {

    private static final Logger LOG = Logger.getLogger(SmsDelivery.class);

    private final SmsProviders providers;
    private final Outbox outbox;
    private final OtpConfig config;

    private final MeterRegistry meters;

    public SmsDelivery(SmsProviders providers, Outbox outbox, OtpConfig config, MeterRegistry meters) {
        this.providers = providers;
        this.outbox = outbox;
        this.config = config;
        this.meters = meters;
    }

    /** A message waiting for a provider; holds the text, which is kept nowhere else. */
    public record Pending(UUID messageId, UUID challengeId, String phone, String text) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Pending queue(UUID challengeId, String phone, String code) {
        SmsMessage message = new SmsMessage();
        message.id = UUID.randomUUID();
        message.challengeId = challengeId;
        message.phone = phone;
        message.status = SmsMessage.Status.QUEUED;
        message.requestedAt = Instant.now();
        message.persist();
        String text = "Your Lifeline code is " + code + ". It expires in " + config.codeTtl().toMinutes()
                + " minutes. Never share it with anyone.";
        return new Pending(message.id, challengeId, phone, text);
    }

    /** Outside any transaction: a provider call may take seconds. */
    public void send(Pending pending) {
        String lastRefusal = "no provider is configured";
        for (SmsProvider provider : providers.inOrder()) {
            try {
                String sid = provider.send(pending.phone(), pending.text(), callbackUrl(provider, pending.messageId()));
                QuarkusTransaction.requiringNew().run(() -> recordSent(pending.messageId(), provider.name(), sid));
                return;
            } catch (CallNotPermittedException e) {
                lastRefusal = provider.name() + ": circuit open";
                LOG.debugf("SMS provider %s skipped: its circuit is open", provider.name());
            } catch (RuntimeException e) {
                lastRefusal = provider.name() + ": " + e.getMessage();
                LOG.warnf("SMS provider %s refused a message to %s: %s", provider.name(), masked(pending.phone()), e.getMessage());
            }
        }
        String reason = lastRefusal;
        QuarkusTransaction.requiringNew().run(() -> recordFailed(pending.messageId(), reason));
    }

    /** A provider's delivery receipt; receipts may come twice or before the send was recorded. */
    @Transactional
    public boolean receipt(UUID messageId, String provider, String providerStatus) {
        SmsMessage message = SmsMessage.findById(messageId, LockModeType.PESSIMISTIC_WRITE);
        if (message == null) {
            return false;
        }
        Instant now = Instant.now();
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
        return true;
    }

    /**
     * Ends messages that are stuck, so no request silently vanishes: queued but never handed to a
     * provider (the service stopped in between; the text is gone with it), or sent with no receipt
     * long after. A receipt that still comes later wins.
     */
    @Scheduled(every = "${lifeline.otp.health.evaluate-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void endStuckMessages() {
        Instant now = Instant.now();
        for (SmsMessage message : SmsMessage.stuck(now.minus(config.delivery().queuedTimeout()),
                now.minus(config.delivery().receiptTimeout()))) {
            message.failureReason = message.status == SmsMessage.Status.QUEUED
                    ? "never handed to a provider"
                    : "no delivery receipt within " + config.delivery().receiptTimeout().toSeconds() + " s";
            message.status = SmsMessage.Status.FAILED;
            LOG.infof("SMS %s to %s given up: %s", message.id, masked(message.phone), message.failureReason);
            publish(message, now, message.failureReason);
        }
    }

    void recordSent(UUID messageId, String provider, String sid) {
        SmsMessage message = SmsMessage.findById(messageId, LockModeType.PESSIMISTIC_WRITE);
        message.provider = provider;
        message.providerSid = sid;
        message.sentAt = Instant.now();
        if (message.status == SmsMessage.Status.QUEUED) {
            message.status = SmsMessage.Status.SENT;
            publish(message, message.sentAt, null);
        }
    }

    void recordFailed(UUID messageId, String reason) {
        SmsMessage message = SmsMessage.findById(messageId, LockModeType.PESSIMISTIC_WRITE);
        message.status = SmsMessage.Status.FAILED;
        message.failureReason = reason;
        publish(message, Instant.now(), reason);
    }

    private void publish(SmsMessage message, Instant at, String failureReason) {
        meters.counter("lifeline.sms.messages", "status", message.status.name().toLowerCase(Locale.ROOT),
                "provider", message.provider == null ? "none" : message.provider).increment();
        long latency = Duration.between(message.requestedAt, at).toMillis();
        outbox.publish(message.challengeId.toString(), new OtpDeliveryStatusChanged(message.challengeId,
                message.status.asDeliveryStatus(), message.provider, latency, failureReason));
    }

    private String callbackUrl(SmsProvider provider, UUID messageId) {
        return config.callbackBaseUrl().resolve("/callbacks/sms/" + provider.name() + "/" + messageId).toString();
    }

    /** Logs name phones by their last digits only. */
    static String masked(String phone) {
        return phone == null || phone.length() < 4 ? "•••" : "•••" + phone.substring(phone.length() - 3);
    }
}
