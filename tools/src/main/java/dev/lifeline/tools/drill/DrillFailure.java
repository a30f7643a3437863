package dev.lifeline.tools.drill;

import java.util.function.BooleanSupplier;

/** A step of a drill did not turn out as a person would expect. */
class DrillFailure extends RuntimeException {

    DrillFailure(String message) {
        super(message);
    }

    /**
     * A text or email the drill stopped waiting for: every request was answered, but what it promised
     * had not come yet (Kafka away: it waits in an outbox). {@link #arrived} asks again later, so a
     * drill can tell late from lost.
     */
    static final class NotYetArrived extends DrillFailure {

        private final BooleanSupplier arrived;

        NotYetArrived(String message, BooleanSupplier arrived) {
            super(message);
            this.arrived = arrived;
        }

        boolean arrived() {
            return arrived.getAsBoolean();
        }
    }
}
