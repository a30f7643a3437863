package dev.lifeline.contracts;

/**
 * The typed body of an event. Every implementation is listed once in {@link EventType}, which is
 * what ties it to its wire name and its topic.
 */
public interface EventPayload {
}
