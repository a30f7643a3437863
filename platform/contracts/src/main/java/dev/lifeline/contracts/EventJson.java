package dev.lifeline.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.util.UUID;

/**
 * The one JSON mapping of events, used by every producer and consumer. Unknown fields are ignored
 * so that a producer may add fields to a payload without breaking older consumers.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static String encode(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + envelope.type() + " cannot be written as JSON", e);
        }
    }

    /**
     * Reads an envelope; the payload's class is chosen by the envelope's {@code type}.
     *
     * @throws MalformedEventException when the text is not a Lifeline event
     */
    public static EventEnvelope decode(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            EventType type = EventType.of(required(node, "type").asText());
            EventPayload payload = MAPPER.treeToValue(required(node, "payload"), type.payloadType());
            return new EventEnvelope(
                    UUID.fromString(required(node, "eventId").asText()),
                    type.wireName(),
                    Instant.parse(required(node, "occurredAt").asText()),
                    required(node, "aggregateId").asText(),
                    payload);
        } catch (JsonProcessingException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new MalformedEventException("not a Lifeline event: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    /** Thrown for a record on a Lifeline topic that cannot be read as an event. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
