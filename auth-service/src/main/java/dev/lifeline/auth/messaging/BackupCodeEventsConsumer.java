package dev.lifeline.auth.messaging;

import dev.lifeline.auth.persistence.BackupCodeCount;
import dev.lifeline.contracts.events.BackupCodeSetGenerated;
import dev.lifeline.contracts.events.BackupCodeUsed;
import dev.lifeline.contracts.events.BackupCodesExhausted;
import dev.lifeline.outbox.AppliedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code backup-codes.events}: keeps the count of each account's backup codes left. */
@ApplicationScoped
public class BackupCodeEventsConsumer {

    private static final String CONSUMER = "auth-backup-code-count";

    private final AppliedEvents applied;

    public BackupCodeEventsConsumer(AppliedEvents applied) {
        this.applied = applied;
    }

    @Incoming("backup-code-events")
    @Blocking
    public void onEvent(String record) {
        applied.applyOnce(CONSUMER, record, event -> {
            if (event.payload() instanceof BackupCodeSetGenerated generated) {
                BackupCodeCount.record(generated.accountId(), generated.total(), event.occurredAt());
            } else if (event.payload() instanceof BackupCodeUsed used) {
                BackupCodeCount.record(used.accountId(), used.remaining(), event.occurredAt());
            } else if (event.payload() instanceof BackupCodesExhausted exhausted) {
                BackupCodeCount.record(exhausted.accountId(), 0, event.occurredAt());
            }
            return null;
        });
    }
}
