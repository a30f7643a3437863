package dev.lifeline.devstack;

import dev.lifeline.contracts.Topic;
import dev.lifeline.devstack.mail.MailServer;
import dev.lifeline.devstack.sms.SmsSimulator;

import java.time.Duration;
import java.util.List;

/**
 * Kafka, PostgreSQL, the SMS simulator and an SMTP server together, as the local stack and the tests use them.
 * Every topic of {@link Topic#ALL} exists once this is started.
 */
public final class LocalInfrastructure implements AutoCloseable {

    /** The database of each service; no service reads another's. */
    public static final List<String> SERVICE_DATABASES = List.of("auth", "otp", "backup_codes", "tickets");

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final SmsSimulator sms;
    private final MailServer mail;

    private LocalInfrastructure(PostgresServer postgres, KafkaBroker kafka, SmsSimulator sms, MailServer mail) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.sms = sms;
        this.mail = mail;
    }

    /**
     * @param ports           fixed ports, or 0 for free ones
     * @param topicPartitions partitions of every topic; services scale as consumer groups over them
     */
    public static LocalInfrastructure start(Ports ports, int topicPartitions, SmsSimulator.Settings smsSettings) {
        MailServer mail = MailServer.start(ports.smtp());
        PostgresServer postgres = PostgresServer.start(ports.postgres());
        KafkaBroker kafka = null;
        try {
            SERVICE_DATABASES.forEach(postgres::createDatabase);
            kafka = KafkaBroker.start(ports.kafka());
            kafka.createTopics(Topic.ALL, topicPartitions);
            SmsSimulator sms = SmsSimulator.start(smsSettings);
            sms.addRoutes(mail::serveInbox);
            return new LocalInfrastructure(postgres, kafka, sms, mail);
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            postgres.close();
            mail.close();
            throw e;
        }
    }

    /** For tests: free ports, one partition per topic, a simulator that answers quickly. */
    public static LocalInfrastructure startForTests() {
        return start(new Ports(0, 0, 0), 1, new SmsSimulator.Settings(0, List.of("alpha", "bravo"),
                Duration.ofMillis(50), Duration.ofSeconds(3)));
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public SmsSimulator sms() {
        return sms;
    }

    public MailServer mail() {
        return mail;
    }

    @Override
    public void close() {
        sms.close();
        mail.close();
        kafka.close();
        postgres.close();
    }

    public record Ports(int postgres, int kafka, int smtp) {
    }
}
