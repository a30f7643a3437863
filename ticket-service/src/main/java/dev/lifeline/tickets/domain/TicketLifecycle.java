package dev.lifeline.tickets.domain;

import dev.lifeline.contracts.events.RecoveryTicketStatus;
import dev.lifeline.problem.DomainError;

import java.util.List;
import java.util.Locale;

import static dev.lifeline.contracts.events.RecoveryTicketStatus.APPROVED;
import static dev.lifeline.contracts.events.RecoveryTicketStatus.CANCELLED;
import static dev.lifeline.contracts.events.RecoveryTicketStatus.CLAIMED;
import static dev.lifeline.contracts.events.RecoveryTicketStatus.COMPLETED;
import static dev.lifeline.contracts.events.RecoveryTicketStatus.ON_HOLD;
import static dev.lifeline.contracts.events.RecoveryTicketStatus.OPEN;
import static dev.lifeline.contracts.events.RecoveryTicketStatus.REJECTED;

/**
 * The recovery ticket's state machine: the one table of what may happen in which status. Every
 * change of a ticket's status goes through {@link #next} ({@code TicketHistory.apply}); anything not
 * in the table is refused with 409 {@code illegal_transition}. Who may act (the claim holder, a second
 * agent, the owner) is checked by the caller before it asks; the table says only what is possible.
 * docs/recovery-tickets.md draws it, and a test keeps the drawing equal to the table.
 */
public final class TicketLifecycle {

    public enum Action {
        OPEN, CLAIM, FIRST_APPROVAL, SECOND_APPROVAL, REJECT, CANCEL, HOLD_ENDED, RECOVERED;

        /** As the diagram and the problem details name it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** {@code from} is null for a ticket that does not exist yet. */
    public record Transition(RecoveryTicketStatus from, Action action, RecoveryTicketStatus to, String rule) {
    }

    public static final List<Transition> TABLE = List.of(
            new Transition(null, Action.OPEN, OPEN, "a request for a username with no open ticket"),
            new Transition(OPEN, Action.CLAIM, CLAIMED, "one agent at a time"),
            new Transition(CLAIMED, Action.CLAIM, CLAIMED, "the holder renews, or another agent takes a lapsed claim"),
            new Transition(CLAIMED, Action.FIRST_APPROVAL, OPEN, "the claim holder, after passing every check themselves"),
            new Transition(CLAIMED, Action.SECOND_APPROVAL, ON_HOLD, "a second, different agent, after their own checks"),
            new Transition(CLAIMED, Action.REJECT, REJECTED, "the claim holder, with a reason"),
            new Transition(OPEN, Action.CANCEL, CANCELLED, "the owner, an agent, or every request withdrawn"),
            new Transition(CLAIMED, Action.CANCEL, CANCELLED, "the owner, an agent, or every request withdrawn"),
            new Transition(ON_HOLD, Action.CANCEL, CANCELLED, "the owner, an agent, or every request withdrawn"),
            new Transition(ON_HOLD, Action.HOLD_ENDED, APPROVED, "the hold is over and nobody cancelled"),
            new Transition(APPROVED, Action.RECOVERED, COMPLETED, "auth-service reports the account recovered"));

    private TicketLifecycle() {
    }

    /** The status {@code action} leads to from {@code from}; 409 {@code illegal_transition} when it is not allowed. */
    public static RecoveryTicketStatus next(RecoveryTicketStatus from, Action action) {
        return TABLE.stream()
                .filter(t -> t.from() == from && t.action() == action)
                .map(Transition::to)
                .findFirst()
                .orElseThrow(() -> new DomainError.Conflict("illegal_transition", "A ticket that is " + (from == null ? "not open" : from.name()) + " cannot be " + pastTense(action) + ".")
                        .with("status", from == null ? "NONE" : from.name()).with("action", action.label()));
    }

    private static String pastTense(Action action) {
        return switch (action) {
            case OPEN -> "opened";
            case CLAIM -> "claimed";
            case FIRST_APPROVAL, SECOND_APPROVAL -> "approved";
            case REJECT -> "rejected";
            case CANCEL -> "cancelled";
            case HOLD_ENDED -> "released from a hold";
            case RECOVERED -> "completed";
        };
    }
}
