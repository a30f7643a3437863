package dev.lifeline.otp.domain;

import dev.lifeline.otp.persistence.AccountContact;
import dev.lifeline.otp.persistence.EmailMessage;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Outbound email: queued in the caller's transaction, sent over SMTP by a job that retries with
 * growing pauses, so a mail server that is down delays emails and loses none.
 */
@ApplicationScoped
public class Emails {

    private static final Logger LOG = Logger.getLogger(Emails.class);
    private static final int MAX_ATTEMPTS = 12;

    @Inject
    Clock clock;

    private final Mailer mailer;

    public Emails(Mailer mailer) {
        this.mailer = mailer;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(List<String> recipients, String subject, String body) {
        queue(recipients, null, subject, body);
    }

    /** To the account's owner, at the address known when it is sent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queueToOwner(UUID accountId, String subject, String body) {
        queue(List.of(), accountId, subject, body);
    }

    private void queue(List<String> recipients, UUID accountId, String subject, String body) {
        EmailMessage message = new EmailMessage();
        message.id = UUID.randomUUID();
        message.accountId = accountId;
        message.recipients = recipients.stream().distinct().toArray(String[]::new);
        message.subject = subject;
        message.body = body;
        message.requestedAt = clock.instant();
        message.nextTryAt = message.requestedAt;
        message.persist();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void sendDue() {
        Instant now = clock.instant();
        for (EmailMessage message : EmailMessage.due(now, 20)) {
            try {
                mailer.send(new Mail().setTo(recipients(message)).setSubject(message.subject).setText(message.body));
                message.sentAt = clock.instant();
            } catch (RuntimeException e) {
                message.attempts++;
                message.lastError = e.getMessage();
                if (message.attempts >= MAX_ATTEMPTS) {
                    message.nextTryAt = now.plus(Duration.ofDays(3650));
                    LOG.errorf("email %s given up after %d attempts: %s", message.id, message.attempts, e.getMessage());
                } else {
                    message.nextTryAt = now.plus(Duration.ofSeconds(1L << Math.min(message.attempts, 10)));
                    LOG.warnf("email %s not sent (attempt %d): %s", message.id, message.attempts, e.getMessage());
                }
            }
        }
    }

    /** Sent emails may hold secret links: gone two days after sending. */
    @Scheduled(every = "1h", delayed = "1m")
    @Transactional
    void purgeOld() {
        EmailMessage.purgeSentBefore(clock.instant().minus(Duration.ofDays(2)));
    }

    private static List<String> recipients(EmailMessage message) {
        if (message.recipients.length > 0) {
            return List.of(message.recipients);
        }
        AccountContact contact = AccountContact.findById(message.accountId);
        if (contact == null) {
            throw new IllegalStateException("no email address known yet for account " + message.accountId);
        }
        return List.of(contact.email);
    }
}
