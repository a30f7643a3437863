package dev.lifeline.tools.drill;

/**
 * What every drill shares: the local stack it plays against, a clock from its start, a line per step,
 * and how it ends (passed, or FAILED with the step that failed and exit status 1).
 */
abstract class Drill {

    protected final LocalStack stack = new LocalStack("http://127.0.0.1:8080", "http://127.0.0.1:8089");
    private final long started = System.nanoTime();

    /** The drill's steps; a {@link DrillFailure} says what a person would have noticed. */
    protected abstract void run();

    /** Puts the stack back as the drill found it (e.g. mends the SMS providers); runs however the drill ended. */
    protected void cleanUp() {
    }

    static void play(Drill drill) {
        try {
            drill.run();
            System.out.printf("drill passed in %.0f s%n", drill.seconds(drill.started));
        } catch (DrillFailure | IllegalStateException e) {
            drill.step("✘", e.getMessage());
            System.out.println("drill FAILED");
            drill.cleanUp();
            System.exit(1);
        }
        drill.cleanUp();
    }

    protected void step(String mark, String text) {
        System.out.printf("  [%5.1f s] %s %s%n", seconds(started), mark, text);
    }

    protected double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
