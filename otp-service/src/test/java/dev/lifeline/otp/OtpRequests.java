package dev.lifeline.otp;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventJson;
import dev.lifeline.contracts.Topic;
import dev.lifeline.contracts.events.OtpRequested;
import dev.lifeline.devstack.LifelineTestStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.UUID;

/** What auth-service sends otp-service, played by the tests: requests for a code on auth.otp-requested. */
final class OtpRequests {

    private OtpRequests() {
    }

    static void request(UUID challenge, String phone, boolean resend) {
        publish(EventEnvelope.of(challenge.toString(), new OtpRequested(challenge, UUID.randomUUID(), phone, resend)));
    }

    static void publish(EventEnvelope event) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LifelineTestStack.infrastructure().kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topic.AUTH_OTP_REQUESTED.name(), event.aggregateId(), EventJson.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + Topic.AUTH_OTP_REQUESTED.name(), e);
        }
    }
}
