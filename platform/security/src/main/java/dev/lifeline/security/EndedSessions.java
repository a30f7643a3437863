package dev.lifeline.security;

import dev.lifeline.contracts.EventEnvelope;
import dev.lifeline.contracts.EventJson;
import dev.lifeline.contracts.events.SessionsEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions that ended while access tokens for them may still be unexpired: a token naming one
 * of them ({@code sid}) is refused. Every instance of every token-verifying service reads all of
 * {@code auth.sessions-ended} from the beginning (a consumer group of its own per start), so the
 * list is whole after a restart and an ended session is refused within a moment everywhere. Each
 * entry lapses when the last token of its session would have expired anyway.
 */
@ApplicationScoped
public class EndedSessions {

    private static final Logger LOG = Logger.getLogger(EndedSessions.class);

    private final Map<UUID, Instant> endedUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    public EndedSessions() {
        this(Clock.systemUTC());
    }

    EndedSessions(Clock clock) {
        this.clock = clock;
    }

    public void end(Collection<UUID> sessionIds, Instant tokensValidUntil) {
        if (tokensValidUntil.isBefore(clock.instant())) {
            return;
        }
        sessionIds.forEach(id -> endedUntil.merge(id, tokensValidUntil, (a, b) -> a.isAfter(b) ? a : b));
    }

    public boolean isEnded(UUID sessionId) {
        Instant until = endedUntil.get(sessionId);
        if (until == null) {
            return false;
        }
        if (until.isBefore(clock.instant())) {
            endedUntil.remove(sessionId, until);
            return false;
        }
        return true;
    }

    /** Adding a session twice changes nothing, so a redelivered event needs no applied-events record. */
    @Incoming("sessions-ended")
    public void onSessionsEnded(String record) {
        EventEnvelope event;
        try {
            event = EventJson.decode(record);
        } catch (EventJson.MalformedEventException e) {
            LOG.errorf("skipping a record on auth.sessions-ended that is not an event: %s", e.getMessage());
            return;
        }
        if (event.payload() instanceof SessionsEnded ended) {
            end(ended.sessionIds(), ended.tokensValidUntil());
        }
    }
}
