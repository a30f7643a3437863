package dev.lifeline.contracts;

import java.util.List;

/**
 * The names of Lifeline's services. Each name is also the service's identity on the trust boundary:
 * its Kafka principal ({@code User:<name>}), its consumer group, and the {@code aud} of service tokens
 * addressed to it.
 */
public final class Services {

    public static final String AUTH = "auth-service";
    public static final String OTP = "otp-service";
    public static final String BACKUP_CODES = "backup-code-service";
    public static final String TICKETS = "ticket-service";

    public static final List<String> ALL = List.of(AUTH, OTP, BACKUP_CODES, TICKETS);

    /** The audience of people's access tokens: the public API behind the gateway, every service's /api. */
    public static final String API_AUDIENCE = "lifeline-api";

    /**
     * The group a service token of {@code caller} carries; /internal endpoints allow exactly the
     * callers they serve. No account can hold it: account roles are user, enrollment, agent and ops.
     */
    public static final String AUTH_SERVICE_ROLE = "service:" + AUTH;

    private Services() {
    }
}
