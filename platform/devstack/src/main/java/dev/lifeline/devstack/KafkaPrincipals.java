package dev.lifeline.devstack;

import dev.lifeline.contracts.Services;
import dev.lifeline.contracts.Topic;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Who may do what on the local broker: one SCRAM principal per service plus {@code admin} (the
 * broker itself, topic creation, and tests that read everything), and the ACLs that follow from
 * {@link Topic}. The passwords are the dev stack's and the tests' only; a service's properties name
 * the same rule ({@code dev-only-kafka-<service>}) in its %dev and %test profiles, and production
 * supplies its own through {@code LIFELINE_KAFKA_PASSWORD}.
 */
public final class KafkaPrincipals {

    public static final String ADMIN = "admin";
    public static final List<String> ALL = Stream.concat(Stream.of(ADMIN), Services.ALL.stream()).toList();

    private KafkaPrincipals() {
    }

    public static String devPassword(String principal) {
        return "dev-only-kafka-" + principal;
    }

    public static String jaasConfig(String principal) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + devPassword(principal) + "\";";
    }

    /** The security settings of a client that signs in as {@code principal}. */
    public static Map<String, Object> clientSecurity(String principal) {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(principal));
    }

    /**
     * Each topic written by its producers alone and read by its consumers alone; each service reads
     * through consumer groups named after it (its main group, and per-instance ones that start with its name).
     */
    public static List<AclBinding> acls(Collection<Topic> topics) {
        List<AclBinding> acls = new ArrayList<>();
        for (Topic topic : topics) {
            ResourcePattern resource = new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL);
            for (String producer : topic.producers()) {
                acls.add(allow(resource, producer, AclOperation.WRITE));
            }
            for (String consumer : topic.consumers()) {
                acls.add(allow(resource, consumer, AclOperation.READ));
            }
        }
        for (String service : Services.ALL) {
            acls.add(allow(new ResourcePattern(ResourceType.GROUP, service, PatternType.PREFIXED), service, AclOperation.READ));
        }
        return acls;
    }

    private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }
}
