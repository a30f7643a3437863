package dev.lifeline.outbox;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.events.BackupCodeUsed;
import dev.lifeline.contracts.Services;
import dev.lifeline.devstack.LocalInfrastructure;
import dev.lifeline.devstack.PostgresServer;
import dev.lifeline.observability.TraceParents;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two services on real infrastructure, as the outbox tests need them: a producer (think
 * backup-code-service) whose business change and event commit together, and a consumer (think
 * otp-service's notifier) whose effect is a row per applied event. Each has its own database.
 */
final class TwoServices {

    final LocalInfrastructure infra;
    final DataSource producerDb;
    final DataSource consumerDb;

    private TwoServices(LocalInfrastructure infra, DataSource producerDb, DataSource consumerDb) {
        this.infra = infra;
        this.producerDb = producerDb;
        this.consumerDb = consumerDb;
    }

    static TwoServices start() {
        LocalInfrastructure infra = LocalInfrastructure.startForTests();
        DataSource producer = database(infra, "producer_service",
                "CREATE TABLE backup_code_set (account_id UUID PRIMARY KEY, remaining INT NOT NULL)");
        DataSource consumer = database(infra, "consumer_service",
                "CREATE TABLE notification (id BIGSERIAL PRIMARY KEY, account_id UUID NOT NULL, remaining INT NOT NULL)");
        return new TwoServices(infra, producer, consumer);
    }

    private static DataSource database(LocalInfrastructure infra, String name, String businessTable) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(infra.postgres().createDatabase(name));
        ds.setUser(PostgresServer.USER);
        ds.setPassword(PostgresServer.PASSWORD);
        Flyway.configure().dataSource(ds).locations("classpath:db/outbox").load().migrate();
        execute(ds, businessTable);
        return ds;
    }

    Producer<String, String> producer() {
        return OutboxProducer.create(infra.kafka().clientConfig(Services.BACKUP_CODES), "test-outbox", Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000));
    }

    /** The producing service's use case: a code is used, and the event says so, in one transaction. */
    EventEnvelope useBackupCode(UUID accountId, int remaining) throws SQLException {
        try (Connection c = producerDb.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO backup_code_set VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET remaining = excluded.remaining")) {
                upsert.setObject(1, accountId);
                upsert.setInt(2, remaining);
                upsert.executeUpdate();
            }
            EventEnvelope event = EventEnvelope.of(accountId.toString(), new BackupCodeUsed(accountId, remaining));
            OutboxTable.append(c, event, TraceParents.current());
            c.commit();
            return event;
        }
    }

    /** The consuming service's handler: the applied-events record and the effect in one transaction. */
    void applyInConsumer(EventEnvelope event) throws SQLException {
        try (Connection c = consumerDb.getConnection()) {
            c.setAutoCommit(false);
            if (AppliedEventLog.recordFirstApplication(c, "notifier", event.eventId())) {
                BackupCodeUsed used = (BackupCodeUsed) event.payload();
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO notification (account_id, remaining) VALUES (?, ?)")) {
                    insert.setObject(1, used.accountId());
                    insert.setInt(2, used.remaining());
                    insert.executeUpdate();
                }
            }
            c.commit();
        }
    }

    static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void close() {
        infra.close();
    }
}
