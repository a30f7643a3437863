package dev.lifeline.tools.drill;

/** A step of a drill did not turn out as a person would expect. */
final class DrillFailure extends RuntimeException {

    DrillFailure(String message) {
        super(message);
    }
}
