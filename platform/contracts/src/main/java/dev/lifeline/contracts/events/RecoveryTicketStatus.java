package dev.lifeline.contracts.events;

/** The life of a recovery ticket. */
public enum RecoveryTicketStatus {
    OPEN,
    CLAIMED,
    APPROVED,
    ON_HOLD,
    CANCELLED,
    COMPLETED,
    REJECTED
}
