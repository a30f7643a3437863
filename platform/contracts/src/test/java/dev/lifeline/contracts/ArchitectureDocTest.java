package dev.lifeline.contracts;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/architecture.md says which service writes and which read each topic, and how long it is kept:
 * a newcomer answers "who writes this topic?" from it, so it must say what the code (and so the broker's
 * ACLs) says. Change a topic, change the table.
 */
@Tag("unit")
class ArchitectureDocTest {

    @Test
    void theTopicTableIsTheTopicsOfTheCode() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("..", "..", "docs", "architecture.md"))) {
            if (line.startsWith("| `") && line.split("\\|").length >= 7) {
                String[] cells = line.split("\\|");
                documented.put(cells[1].trim().replace("`", ""), describe(services(cells[2]), services(cells[3]), cells[6].trim()));
            }
        }
        Map<String, String> inCode = new TreeMap<>();
        for (Topic topic : Topic.ALL) {
            inCode.put(topic.name(), describe(topic.producers(), topic.consumers(), topic.compacted() ? "compacted" : days(topic.retention())));
        }
        assertEquals(inCode, documented);
    }

    private static Set<String> services(String cell) {
        return Arrays.stream(cell.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static String describe(Set<String> producers, Set<String> consumers, String retention) {
        return "written by " + new java.util.TreeSet<>(producers) + ", read by " + new java.util.TreeSet<>(consumers) + ", kept " + retention;
    }

    private static String days(Duration retention) {
        long days = retention.toDays();
        return days + (days == 1 ? " day" : " days");
    }
}
