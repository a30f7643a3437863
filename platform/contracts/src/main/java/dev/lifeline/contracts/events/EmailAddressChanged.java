package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.UUID;

/**
 * The account's email address changed, or its owner proved they read it ({@code verified}). A new
 * address is never verified; the same address comes again with {@code verified} true once its code
 * was typed back. Topic {@code account.security-events}.
 */
public record EmailAddressChanged(UUID accountId, String email, boolean verified) implements EventPayload {
}
