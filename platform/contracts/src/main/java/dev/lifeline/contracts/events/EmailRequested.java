package dev.lifeline.contracts.events;

import dev.lifeline.contracts.EventPayload;

import java.util.List;

/**
 * An email someone must get, sent by otp-service (which owns outbound notifications). Topic
 * {@code notify.email}, internal: the text may hold a secret link (a recovery's cancel link), so
 * unlike {@code recovery.tickets} this topic is not for outside tools. Aggregate: what it is about.
 */
public record EmailRequested(List<String> to, String subject, String text) implements EventPayload {
}
