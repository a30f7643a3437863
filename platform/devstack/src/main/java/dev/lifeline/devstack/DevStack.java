package dev.lifeline.devstack;

import dev.lifeline.devstack.sms.SmsSimulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The process `./lifeline up` starts first: Kafka, PostgreSQL with one database per service, the
 * SMS simulator and the SMTP server, on fixed ports, until it is stopped. Data lives only as long as the process.
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
        long started = System.nanoTime();
        QUIET_LOGGERS.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        int postgresPort = intSetting("LIFELINE_POSTGRES_PORT", 5432);
        int kafkaPort = intSetting("LIFELINE_KAFKA_PORT", 9092);
        int smsPort = intSetting("LIFELINE_SIM_PORT", 8089);
        int smtpPort = intSetting("LIFELINE_SMTP_PORT", 3025);

        LocalInfrastructure infrastructure = LocalInfrastructure.start(
                new LocalInfrastructure.Ports(postgresPort, kafkaPort, smtpPort), 3,
                new SmsSimulator.Settings(smsPort, List.of("alpha", "bravo"), Duration.ofMillis(300), Duration.ofSeconds(5)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infrastructure.close();
            stopped.countDown();
        }, "devstack-shutdown"));

        System.out.printf("devstack ready in %d ms: postgresql 127.0.0.1:%d (databases %s), kafka %s, sms simulator %s, smtp 127.0.0.1:%d%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), infrastructure.postgres().port(),
                String.join(",", LocalInfrastructure.SERVICE_DATABASES), infrastructure.kafka().bootstrapServers(),
                infrastructure.sms().baseUrl(), infrastructure.mail().smtpPort());
        stopped.await();
    }

    private static int intSetting(String name, int defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
    }
}
