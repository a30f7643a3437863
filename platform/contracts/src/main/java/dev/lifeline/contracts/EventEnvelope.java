package dev.lifeline.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on every Lifeline topic: an id consumers use to apply the event at most once, the
 * wire name of its type, when it happened, the aggregate it belongs to (also the Kafka key, so the
 * events of one aggregate stay in order) and the typed payload.
 */
public record EventEnvelope(UUID eventId, String type, Instant occurredAt, String aggregateId, EventPayload payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
        if (!EventType.of(type).payloadType().isInstance(payload)) {
            throw new IllegalArgumentException("payload " + payload.getClass().getSimpleName() + " is not of type " + type);
        }
    }

    /** A new event with a fresh id, happening now. */
    public static EventEnvelope of(String aggregateId, EventPayload payload) {
        return new EventEnvelope(UUID.randomUUID(), EventType.of(payload).wireName(), Instant.now(), aggregateId, payload);
    }

    public Topic topic() {
        return EventType.of(type).topic();
    }
}
