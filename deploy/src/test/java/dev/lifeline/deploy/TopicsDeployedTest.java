package dev.lifeline.deploy;

import dev.lifeline.contracts.Topic;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Kubernetes topic list is written by hand; this keeps it equal to the topics the code uses. */
class TopicsDeployedTest {

    private static final Pattern TOPIC_NAME = Pattern.compile("topicName:\\s*(\\S+)");

    @Test
    void everyTopicIsDeployedWithItsCleanupPolicy() throws Exception {
        String manifests = Files.readString(Path.of("k8s/base/kafka-topics.yaml"));
        Map<String, Boolean> deployed = Arrays.stream(manifests.split("(?m)^---$"))
                .filter(document -> TOPIC_NAME.matcher(document).find())
                .collect(Collectors.toMap(TopicsDeployedTest::topicName, document -> document.contains("cleanup.policy: compact")));
        Map<String, Boolean> expected = Topic.ALL.stream()
                .collect(Collectors.toMap(Topic::name, Topic::compacted));
        assertEquals(expected, deployed);
    }

    private static String topicName(String document) {
        Matcher matcher = TOPIC_NAME.matcher(document);
        matcher.find();
        return matcher.group(1);
    }
}
