package dev.lifeline.tickets.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** {@code lifeline.tickets.*}: how recovery tickets are worked. */
@ConfigMapping(prefix = "lifeline.tickets")
public interface TicketConfig {

    /** How long support may take to decide a ticket. */
    @WithDefault("PT24H")
    Duration sla();

    /** A claim lapses after this, so a ticket is never stuck with an agent who left. */
    @WithDefault("PT30M")
    Duration claimFor();

    /** Between the second approval and the change: the real owner's time to cancel. */
    @WithDefault("PT24H")
    Duration hold();

    /**
     * The identity checks every ticket needs passed before anyone approves it: name → what the
     * agent must establish.
     */
    Map<String, String> checks();

    /**
     * Requests from one client address per hour, and with one contact email per day: limits on the
     * requester, never on the username, so nobody can use up the owner's right to ask.
     */
    @WithDefault("5")
    int maxRequestsPerIpPerHour();

    @WithDefault("3")
    int maxRequestsPerContactPerDay();

    /** Where people open the pages (the gateway), for links in emails. */
    @WithDefault("http://localhost:8080")
    URI publicUrl();
}
