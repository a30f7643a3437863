package dev.lifeline.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** {@code lifeline.outbox.*}: how the relay of this service paces itself and talks to Kafka. */
@ConfigMapping(prefix = "lifeline.outbox")
public interface OutboxConfig {

    /** Off only for tests that drive the relay by hand. */
    @WithDefault("true")
    boolean relayEnabled();

    @WithDefault("200")
    int batchSize();

    @WithDefault("PT1S")
    Duration pollInterval();

    @WithDefault("PT0.2S")
    Duration minBackoff();

    @WithDefault("PT10S")
    Duration maxBackoff();

    @WithDefault("PT24H")
    Duration sentRetention();

    /** Kafka producer settings that replace the relay's defaults, e.g. {@code delivery.timeout.ms}. */
    Map<String, String> producer();

    default RelaySettings relaySettings() {
        return new RelaySettings(batchSize(), pollInterval(), minBackoff(), maxBackoff(), sentRetention());
    }
}
