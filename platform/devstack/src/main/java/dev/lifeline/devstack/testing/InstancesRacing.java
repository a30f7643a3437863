package dev.lifeline.devstack.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scheduled job's tick as several instances of a service would run it: at the same moment, each
 * in a transaction of its own, round after round. Whatever keeps two instances from doing the same
 * work twice lives in the database (row locks, {@code SKIP LOCKED}, advisory locks), and the database
 * cannot tell two threads from two processes, so a test can race the job in one JVM.
 */
public final class InstancesRacing {

    private InstancesRacing() {
    }

    /** Runs {@code tick} on {@code instances} threads that start together, {@code rounds} times; rethrows any failure. */
    public static void race(int instances, int rounds, Runnable tick) {
        CyclicBarrier together = new CyclicBarrier(instances);
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                running.add(threads.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        together.await(30, TimeUnit.SECONDS);
                        tick.run();
                    }
                    return null;
                }));
            }
            // every instance's outcome, so that one whose tick threw is reported rather than another left
            // waiting for it at the barrier
            AssertionError failed = null;
            for (Future<?> instance : running) {
                try {
                    instance.get(2, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    if (failed == null || failed.getCause().getCause() instanceof TimeoutException) {
                        failed = new AssertionError("an instance's tick failed", e);
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("an instance's tick did not end", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
