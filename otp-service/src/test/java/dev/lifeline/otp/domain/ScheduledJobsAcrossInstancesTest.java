package dev.lifeline.otp.domain;

import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.InstancesRacing;
import dev.lifeline.devstack.testing.RowsById;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * otp-service's jobs run on every instance; each piece of work is done once all the same. Two
 * instances' ticks race here (and this instance's own scheduler joins in): every queued email reaches
 * its recipient once, every stuck text ends FAILED with one event. In the test's package because the
 * jobs are the scheduler's, not an API.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "otp"))
class ScheduledJobsAcrossInstancesTest {

    @Inject
    Emails emails;

    @Inject
    SmsDelivery delivery;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoInstancesSendEachQueuedEmailOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> recipients = IntStream.range(0, 60).mapToObj(i -> "racer" + i + "-" + run + "@example.org").toList();
        QuarkusTransaction.requiringNew().run(() -> recipients.forEach(to ->
                emails.queue(List.of(to), "Lifeline race " + run, "one of sixty")));

        InstancesRacing.race(2, 4, emails::sendDue);

        // this instance's own scheduler may still be committing a tick it took part in
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(0,
                count("SELECT count(*) FROM email_message WHERE subject = 'Lifeline race " + run + "' AND sent_at IS NULL"),
                "two instances, four ticks of twenty: every email is sent"));
        List<String> notOnce = recipients.stream()
                .filter(to -> LifelineTestStack.infrastructure().mail().receivedBy(to).size() != 1).toList();
        assertEquals(List.of(), notOnce, "recipients who did not get their email exactly once");
    }

    @Test
    void twoInstancesEndEachStuckTextOnce() throws Exception {
        // what crashes between a code's commit and its provider call leave behind: 300 texts, three ticks' worth
        String[] challenges = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString()).toArray(String[]::new);
        RowsById.update(dataSource, "INSERT INTO sms_message (id, challenge_id, phone, status, requested_at) "
                + "SELECT gen_random_uuid(), challenge, '+447700900960', 'QUEUED', now() - interval '2 minutes' "
                + "FROM unnest(?::uuid[]) challenge", challenges);

        InstancesRacing.race(2, 3, delivery::endStuckMessages);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(300,
                count("SELECT count(*) FROM sms_message WHERE status = 'FAILED' AND challenge_id = ANY(?::uuid[])", challenges),
                "every stuck text ends FAILED"));
        assertEquals(300, count("SELECT count(*) FROM outbox_event WHERE topic = 'otp.delivery-status' AND aggregate_id = ANY(?)", challenges),
                "with one event each, not two");
    }

    private long count(String sql, String[] ids) throws Exception {
        return RowsById.count(dataSource, sql, ids);
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
