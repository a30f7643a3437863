package dev.lifeline.outbox;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.BackupCodeUsed;
import dev.lifeline.devstack.testing.TopicReader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The outbox against a real Kafka broker and real PostgreSQL databases of two services. */
class OutboxRelayTest {

    private static TwoServices services;

    @BeforeAll
    static void start() {
        services = TwoServices.start();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @BeforeEach
    void brokerIsUp() {
        if (!services.infra.kafka().isRunning()) {
            services.infra.kafka().restart();
        }
    }

    @Test
    void aRelayThatDiesAfterSendingButBeforeMarkingSendsAgainAndTheConsumerAppliesOnce() throws Exception {
        UUID account = UUID.randomUUID();
        EventEnvelope event = services.useBackupCode(account, 7);

        try (Producer<String, String> producer = services.producer()) {
            OutboxRelay dying = new OutboxRelay(services.producerDb, producer, 100) {
                @Override
                protected void markSent(Connection connection, List<Long> ids) {
                    throw new SimulatedCrash();
                }
            };
            assertThrows(SimulatedCrash.class, dying::relayOnce);
        }
        assertEquals(1, unsent(account), "the crashed relay's transaction must not mark the event");

        try (Producer<String, String> producer = services.producer()) {
            assertEquals(1, new OutboxRelay(services.producerDb, producer, 100).relayOnce());
        }
        assertEquals(0, unsent(account));

        List<EventEnvelope> delivered = consume(List.of(account.toString()), 2);
        assertEquals(2, delivered.size(), "the event went to Kafka twice, once per relay, and no more");
        assertEquals(List.of(event.eventId(), event.eventId()), delivered.stream().map(EventEnvelope::eventId).toList());

        for (EventEnvelope copy : delivered) {
            services.applyInConsumer(copy);
        }
        assertEquals(1, TwoServices.count(services.consumerDb,
                "SELECT count(*) FROM notification WHERE account_id = '" + account + "'"), "applied exactly once");
        assertEquals(7, TwoServices.count(services.consumerDb,
                "SELECT remaining FROM notification WHERE account_id = '" + account + "'"));
    }

    @Test
    void whileTheBrokerIsDownEventsWaitAndThenFlowInOrderPerAggregate() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        RelaySettings settings = new RelaySettings(100, Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(500), Duration.ofHours(1));
        try (RelayLoop loop = new RelayLoop("test", services.producerDb, services::producer, settings).start()) {
            services.infra.kafka().stop();
            for (int remaining = 9; remaining >= 5; remaining--) {
                services.useBackupCode(first, remaining);
                services.useBackupCode(second, remaining);
            }

            awaitTrue(() -> loop.consecutiveFailures() >= 2, Duration.ofSeconds(20));
            assertEquals(5, unsent(first), "nothing is marked sent while the broker is away");
            assertEquals(5, unsent(second));

            services.infra.kafka().restart();
            awaitTrue(() -> unsent(first) + unsent(second) == 0, Duration.ofSeconds(30));
            assertEquals(0, loop.consecutiveFailures());
        }

        List<EventEnvelope> read = consume(List.of(first.toString(), second.toString()), 10);
        assertEquals(List.of(9, 8, 7, 6, 5), remainingSeen(read, first));
        assertEquals(List.of(9, 8, 7, 6, 5), remainingSeen(read, second));
    }

    @Test
    void relaysRacingOnOneDatabaseSendEachEventOnceInOrder() throws Exception {
        UUID account = UUID.randomUUID();
        for (int remaining = 10; remaining >= 1; remaining--) {
            services.useBackupCode(account, remaining);
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Producer<String, String>> producers = new ArrayList<>();
        try {
            List<Callable<Integer>> relays = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Producer<String, String> producer = services.producer();
                producers.add(producer);
                // a batch of 2 makes the relays take turns many times over the ten events
                relays.add(() -> {
                    int sent = 0;
                    while (unsent(account) > 0) {
                        sent += new OutboxRelay(services.producerDb, producer, 2).relayOnce();
                    }
                    return sent;
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(relays)) {
                total += result.get();
            }
            assertEquals(10, total);
        } finally {
            pool.shutdownNow();
            producers.forEach(Producer::close);
        }

        List<EventEnvelope> read = consume(List.of(account.toString()), 10);
        assertEquals(List.of(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), remainingSeen(read, account));
    }

    @Test
    void anEventCarriesTheTraceOfTheWorkThatWroteItToItsConsumers() throws Exception {
        // a request being traced (as OpenTelemetry makes it current for each request a service serves)
        SpanContext request = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        UUID traced = UUID.randomUUID();
        UUID untraced = UUID.randomUUID();
        try (Scope ignored = Span.wrap(request).makeCurrent()) {
            services.useBackupCode(traced, 4);
        }
        services.useBackupCode(untraced, 3);
        try (Producer<String, String> producer = services.producer()) {
            new OutboxRelay(services.producerDb, producer, 10).relayOnce();
        }

        // what any Kafka consumer reads: the W3C header OpenTelemetry's Kafka instrumentation continues from
        Map<String, String> traceParents = new HashMap<>();
        for (var record : TopicReader.records(services.infra.kafka(), Topic.BACKUP_CODES_EVENTS,
                List.of(traced.toString(), untraced.toString()), 2, Duration.ofSeconds(15))) {
            traceParents.put(record.key(), String.valueOf(TopicReader.header(record, "traceparent")));
        }
        assertEquals(Map.of(traced.toString(), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                untraced.toString(), "null"), traceParents);
    }

    private static List<EventEnvelope> consume(List<String> aggregates, int expected) {
        return TopicReader.events(services.infra.kafka(), Topic.BACKUP_CODES_EVENTS, aggregates, expected,
                Duration.ofSeconds(15));
    }

    private static long unsent(UUID account) throws SQLException {
        return TwoServices.count(services.producerDb,
                "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL AND aggregate_id = '" + account + "'");
    }

    private static List<Integer> remainingSeen(List<EventEnvelope> events, UUID account) {
        return events.stream()
                .filter(e -> e.aggregateId().equals(account.toString()))
                .map(e -> ((BackupCodeUsed) e.payload()).remaining())
                .toList();
    }

    private static void awaitTrue(Callable<Boolean> condition, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(condition);
    }

    private static final class SimulatedCrash extends RuntimeException {
    }
}
