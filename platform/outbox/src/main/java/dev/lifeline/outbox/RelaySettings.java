package dev.lifeline.outbox;

import java.time.Duration;

/**
 * How the relay paces itself.
 *
 * @param batchSize     events per pass
 * @param pollInterval  how often to look for events when nobody signalled a commit
 * @param minBackoff    the first pause after the broker refused a pass; doubles up to {@code maxBackoff}
 * @param sentRetention how long sent events stay in the table before they are purged
 */
public record RelaySettings(int batchSize, Duration pollInterval, Duration minBackoff, Duration maxBackoff,
                            Duration sentRetention) {
}
