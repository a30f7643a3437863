package dev.lifeline.deploy;

import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.Topic;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The KafkaUsers of Kubernetes are written by hand; this keeps their ACLs equal to who may write and read each topic. */
class KafkaUsersDeployedTest {

    private static final Pattern USER = Pattern.compile("kind: KafkaUser\\s+metadata:\\s+name: (\\S+)");
    private static final Pattern ACL = Pattern.compile(
            "resource: \\{type: (topic|group), name: (\\S+), patternType: (\\w+)}\\s+operations: \\[([^]]+)]");

    @Test
    void eachTopicIsWrittenByItsProducerAndReadByItsConsumersOnly() throws Exception {
        String manifests = Files.readString(Path.of("k8s/base/kafka-users.yaml"));
        Map<String, Set<String>> writers = new TreeMap<>();
        Map<String, Set<String>> readers = new TreeMap<>();
        Map<String, String> groups = new HashMap<>();
        for (String document : manifests.split("(?m)^---$")) {
            Matcher user = USER.matcher(document);
            if (!user.find()) {
                continue;
            }
            Matcher acl = ACL.matcher(document);
            while (acl.find()) {
                if (acl.group(1).equals("group")) {
                    groups.put(user.group(1), acl.group(2) + " " + acl.group(3));
                } else if (acl.group(4).contains("Write")) {
                    writers.computeIfAbsent(acl.group(2), topic -> new HashSet<>()).add(user.group(1));
                } else if (acl.group(4).contains("Read")) {
                    readers.computeIfAbsent(acl.group(2), topic -> new HashSet<>()).add(user.group(1));
                }
            }
        }
        Map<String, Set<String>> expectedWriters = new TreeMap<>();
        Map<String, Set<String>> expectedReaders = new TreeMap<>();
        for (Topic topic : Topic.ALL) {
            expectedWriters.put(topic.name(), topic.producers());
            if (!topic.consumers().isEmpty()) {
                expectedReaders.put(topic.name(), topic.consumers());
            }
        }
        assertEquals(expectedWriters, writers);
        assertEquals(expectedReaders, readers);
        Services.ALL.forEach(service -> assertEquals(service + " prefix", groups.get(service), "consumer groups of " + service));
    }
}
