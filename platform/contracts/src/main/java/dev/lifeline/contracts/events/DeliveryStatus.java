package dev.lifeline.contracts.events;

/** Where one SMS is on its way to the phone. */
public enum DeliveryStatus {
    SENT,
    DELIVERED,
    FAILED
}
