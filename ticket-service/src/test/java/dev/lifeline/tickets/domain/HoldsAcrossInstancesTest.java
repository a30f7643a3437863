package dev.lifeline.tickets.domain;

import dev.lifeline.devstack.LifelineTestStack;
import dev.lifeline.devstack.testing.InstancesRacing;
import dev.lifeline.devstack.testing.RowsById;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every instance of ticket-service ends holds; each ticket's hold ends once all the same: one
 * approval on recovery.tickets for auth-service to carry out, one line in its audit. Two instances'
 * ticks race here (and this instance's own scheduler joins in). In the job's package because it is
 * the scheduler's, not an API.
 */
@QuarkusTest
@WithTestResource(value = LifelineTestStack.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class HoldsAcrossInstancesTest {

    @Inject
    Holds holds;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoInstancesEndEachHoldOnce() throws Exception {
        // 150 tickets whose hold just ended: three ticks' worth
        String[] tickets = IntStream.range(0, 150).mapToObj(i -> UUID.randomUUID().toString()).toArray(String[]::new);
        RowsById.update(dataSource, """
                INSERT INTO ticket (id, username, status, priority, opened_at, due_by, updated_at, hold_until)
                SELECT id, 'held-' || id, 'ON_HOLD', 1, now() - interval '2 days', now(), now(), now() - interval '1 second'
                FROM unnest(?::uuid[]) id""", tickets);

        InstancesRacing.race(2, 4, holds::endHolds);

        // this instance's own scheduler may still be committing a tick it took part in
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(150,
                count("SELECT count(*) FROM ticket WHERE status = 'APPROVED' AND id = ANY(?::uuid[])", tickets),
                "every hold that is over ends"));
        assertEquals(150, count("SELECT count(*) FROM ticket_audit WHERE action = 'hold ended' AND ticket_id = ANY(?::uuid[])", tickets),
                "once each in the audit");
        assertEquals(150, count("SELECT count(*) FROM outbox_event WHERE topic = 'recovery.tickets' AND aggregate_id = ANY(?)", tickets),
                "and one approval each for auth-service, not two");
    }

    private long count(String sql, String[] ids) throws Exception {
        return RowsById.count(dataSource, sql, ids);
    }
}
