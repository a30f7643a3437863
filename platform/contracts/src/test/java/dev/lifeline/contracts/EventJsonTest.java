package dev.lifeline.contracts;

import dev.lifeline.contracts.events.BackupCodeUsed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class EventJsonTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeRoundTrips(EventType type) throws Exception {
        EventEnvelope original = EventEnvelope.of("aggregate-1", samplePayload(type.payloadType()));

        String json = EventJson.encode(original);
        EventEnvelope read = EventJson.decode(json);

        assertEquals(original, read);
        assertEquals(type.topic(), read.topic());
        assertTrue(json.contains("\"type\":\"" + type.wireName() + "\""), json);
    }

    @Test
    void wireNamesAreUniqueAndTopicsAreKnown() {
        assertEquals(EventType.values().length,
                java.util.Arrays.stream(EventType.values()).map(EventType::wireName).distinct().count());
        for (EventType type : EventType.values()) {
            assertTrue(Topic.ALL.contains(type.topic()), type + " names an unlisted topic");
        }
    }

    @Test
    void consumersIgnoreFieldsAddedByNewerProducers() {
        String json = """
                {"eventId":"6f1c1f5e-7a43-4c43-9d6b-3f5f0d1e2a10","type":"backup-codes.used",
                 "occurredAt":"2026-11-26T10:15:30Z","aggregateId":"a1","addedLater":1,
                 "payload":{"accountId":"0b6f7c2e-2a2e-4f7a-8c51-0c7f7d3f9b11","remaining":4,"alsoNew":"x"}}
                """;
        EventEnvelope read = EventJson.decode(json);
        assertEquals(new BackupCodeUsed(UUID.fromString("0b6f7c2e-2a2e-4f7a-8c51-0c7f7d3f9b11"), 4), read.payload());
    }

    @Test
    void textThatIsNotAnEventIsRejectedWithOneException() {
        assertThrows(EventJson.MalformedEventException.class, () -> EventJson.decode("not json"));
        assertThrows(EventJson.MalformedEventException.class, () -> EventJson.decode("{\"type\":\"no.such-type\"}"));
        assertThrows(EventJson.MalformedEventException.class, () -> EventJson.decode(
                "{\"eventId\":\"6f1c1f5e-7a43-4c43-9d6b-3f5f0d1e2a10\",\"type\":\"backup-codes.used\",\"aggregateId\":\"a\",\"payload\":{}}"));
    }

    @Test
    void anEnvelopeRefusesAPayloadOfAnotherType() {
        assertThrows(IllegalArgumentException.class, () -> new EventEnvelope(UUID.randomUUID(), "backup-codes.exhausted",
                Instant.now(), "a", new BackupCodeUsed(UUID.randomUUID(), 1)));
    }

    /** Fills every component with a non-default value, so a field the mapping drops makes the test fail. */
    private static EventPayload samplePayload(Class<? extends EventPayload> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(types[i], components[i].getGenericType(), i);
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object sampleValue(Class<?> type, java.lang.reflect.Type generic, int position) {
        if (type == UUID.class) return UUID.randomUUID();
        if (type == String.class) return "value-" + position;
        if (type == int.class || type == Integer.class) return 7 + position;
        if (type == long.class || type == Long.class) return 1234L + position;
        if (type == boolean.class || type == Boolean.class) return true;
        if (type == Instant.class) return Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (type == List.class) {
            java.lang.reflect.Type element = ((java.lang.reflect.ParameterizedType) generic).getActualTypeArguments()[0];
            return element == UUID.class ? List.of(UUID.randomUUID(), UUID.randomUUID()) : List.of("agent1", "agent2");
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        throw new IllegalStateException("no sample for " + type + ": extend sampleValue");
    }
}
