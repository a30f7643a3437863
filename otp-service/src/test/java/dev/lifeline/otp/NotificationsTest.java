package dev.lifeline.otp;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.AccountRegistered;
import dev.lifeline.contracts.events.BackupCodeUsed;
import dev.lifeline.contracts.events.EmailAddressChanged;
import dev.lifeline.contracts.events.EmailRequested;
import dev.lifeline.contracts.events.TwoFactorDisabled;
import dev.lifeline.contracts.events.TwoFactorEnabled;
import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.mail.MailServer;
import dev.lifeline.devstack.testing.TopicWriter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Owners hear about every change to their account's protection, by email over real SMTP, once. */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class NotificationsTest {

    @Test
    void everyTwoFactorChangeAndBackupCodeUseIsEmailedToTheOwnerOnce() {
        UUID account = UUID.randomUUID();
        String email = "owner-" + account.toString().substring(0, 8) + "@example.org";
        // a backup-code event may overtake the registration (another topic): its email waits for the address
        publish(Topic.BACKUP_CODES_EVENTS, EventEnvelope.of(account.toString(), new BackupCodeUsed(account, 9)));
        await("nothing mailed before the address is known").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> mailbox(email).isEmpty());
        publish(Topic.ACCOUNT_SECURITY_EVENTS, EventEnvelope.of(account.toString(), new AccountRegistered(account, "owner", email)));
        EventEnvelope enabled = EventEnvelope.of(account.toString(), new TwoFactorEnabled(account, "sms"));
        publish(Topic.ACCOUNT_SECURITY_EVENTS, enabled);
        publish(Topic.ACCOUNT_SECURITY_EVENTS, enabled); // redelivered: still one email
        publish(Topic.ACCOUNT_SECURITY_EVENTS, EventEnvelope.of(account.toString(),
                new TwoFactorDisabled(account, "sms", "turned off by the owner")));

        List<MailServer.Mail> mails = awaitMails(email, 3);
        assertEquals(List.of("Two-step sign-in is on", "A backup code was used to sign in", "Two-step sign-in is off"),
                mails.stream().map(MailServer.Mail::subject).sorted(this::byExpectedOrder).toList());
        assertTrue(mails.stream().filter(m -> m.subject().startsWith("A backup code")).findFirst().orElseThrow().text()
                .contains("You have 9 left"));
        await("a redelivered event sends nothing twice").during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                .until(() -> mailbox(email).size() == 3);
    }

    @Test
    void aNewAddressIsToldToTheOldOneAndLaterNoticesGoToTheNewOne() {
        UUID account = UUID.randomUUID();
        String old = "old-" + account.toString().substring(0, 8) + "@example.org";
        String changed = "new-" + account.toString().substring(0, 8) + "@example.net";
        publish(Topic.ACCOUNT_SECURITY_EVENTS, EventEnvelope.of(account.toString(), new AccountRegistered(account, "mover", old)));
        publish(Topic.ACCOUNT_SECURITY_EVENTS, EventEnvelope.of(account.toString(), new EmailAddressChanged(account, changed, false)));
        publish(Topic.ACCOUNT_SECURITY_EVENTS, EventEnvelope.of(account.toString(), new EmailAddressChanged(account, changed, true)));
        publish(Topic.ACCOUNT_SECURITY_EVENTS, EventEnvelope.of(account.toString(), new TwoFactorEnabled(account, "totp")));

        MailServer.Mail toOld = awaitMails(old, 1).get(0);
        assertEquals("Your Lifeline email address was changed", toOld.subject());
        assertTrue(toOld.text().contains("n•••@example.net"), toOld.text());
        assertEquals(List.of("Two-step sign-in is on"), awaitMails(changed, 1).stream().map(MailServer.Mail::subject).toList());
        assertEquals(1, mailbox(old).size(), "the verification of the new address is not news to the old one");
    }

    @Test
    void anEmailAnotherServiceAsksForReachesEveryRecipient() {
        String owner = "a-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String requester = "b-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        publish(Topic.NOTIFY_EMAIL, EventEnvelope.of("ticket-1",
                new EmailRequested(List.of(owner, requester), "Someone asked to recover your account", "cancel: https://x/y")));

        assertEquals("cancel: https://x/y", awaitMails(owner, 1).get(0).text().trim());
        assertEquals(1, awaitMails(requester, 1).size());
    }

    private int byExpectedOrder(String a, String b) {
        List<String> order = List.of("Two-step sign-in is on", "A backup code was used to sign in", "Two-step sign-in is off");
        return Integer.compare(order.indexOf(a), order.indexOf(b));
    }

    private static void publish(Topic topic, EventEnvelope event) {
        TopicWriter.publish(LifelineTestStack.infrastructure().kafka(), topic, event);
    }

    private static List<MailServer.Mail> mailbox(String to) {
        return LifelineTestStack.infrastructure().mail().receivedBy(to);
    }

    private static List<MailServer.Mail> awaitMails(String to, int count) {
        return await(count + " emails to " + to).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> mailbox(to), mails -> mails.size() >= count);
    }
}
