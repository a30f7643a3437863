package dev.lifeline.devstack;

import dev.lifeline.contracts.Topic;
import dev.lifeline.devstack.mail.MailServer;
import dev.lifeline.devstack.sms.SmsSimulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The process `./lifeline up` starts once PostgreSQL ({@link PostgresNode}) and the Kafka brokers
 * ({@link KafkaNode}) are up: the SMS simulator and the SMTP server, on fixed ports, until it is
 * stopped; at start it grants each service its topics and creates them on the brokers
 * ({@code LIFELINE_KAFKA_BOOTSTRAP}), with as many copies as {@code LIFELINE_KAFKA_REPLICATION} says.
 */
public final class DevStack {

    private DevStack() {
    }

    /** Held so the log manager cannot forget the levels set on them. */
    private static final List<java.util.logging.Logger> QUIET_LOGGERS = List.of(
            java.util.logging.Logger.getLogger("kafka"),
            java.util.logging.Logger.getLogger("org.apache.kafka"),
            java.util.logging.Logger.getLogger("org.apache.zookeeper"),
            java.util.logging.Logger.getLogger("io.zonky"));

    public static void main(String[] args) throws InterruptedException {
        quietLogs();
        long started = System.nanoTime();
        String brokers = setting("LIFELINE_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        KafkaBroker.createTopics(KafkaBroker.clientConfig(KafkaPrincipals.ADMIN, brokers), Topic.ALL, 3,
                intSetting("LIFELINE_KAFKA_REPLICATION", 1));
        MailServer mail = MailServer.start(intSetting("LIFELINE_SMTP_PORT", 3025));
        SmsSimulator sms = SmsSimulator.start(new SmsSimulator.Settings(intSetting("LIFELINE_SIM_PORT", 8089),
                List.of("alpha", "bravo"), Duration.ofMillis(300), Duration.ofSeconds(5)));
        sms.addRoutes(mail::serveInbox);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sms.close();
            mail.close();
            stopped.countDown();
        }, "devstack-shutdown"));

        System.out.printf("devstack ready in %d ms: topics on kafka %s, sms simulator %s, smtp 127.0.0.1:%d%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), brokers, sms.baseUrl(), mail.smtpPort());
        stopped.await();
    }

    static void quietLogs() {
        QUIET_LOGGERS.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
    }

    static String setting(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    static int intSetting(String name, int defaultValue) {
        return Integer.parseInt(setting(name, Integer.toString(defaultValue)));
    }
}
