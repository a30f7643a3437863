package dev.lifeline.tools.bench;

import dev.lifeline.tools.Http;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Password sign-ins per second through the gateway of a running local stack, against raw Argon2id
 * verifications per second at the same parameters on the same machine, and their ratio: how little
 * the system costs beyond the password hash itself.
 *
 * <pre>./lifeline bench sign-in [seconds per side] [concurrency]</pre>
 */
public final class SignInBenchmark {

    /** auth-service's defaults (lifeline.auth.password.*): OWASP's 19 MiB, 2 iterations, 1 lane. */
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);

    private SignInBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String gateway = System.getProperty("gateway", "http://localhost:8080");
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors() * 2;
        Http http = new Http();

        System.out.printf("sign-in benchmark: %d s per phase, %d concurrent clients, %d cores, Argon2id m=19456 KiB t=2 p=1%n",
                seconds, concurrency, Runtime.getRuntime().availableProcessors());
        List<Map<String, String>> accounts = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            accounts.add(register(http, gateway));
        }

        Supplier<Runnable> signIn = new Supplier<>() {
            private int next;

            @Override
            public synchronized Runnable get() {
                Map<String, String> account = accounts.get(next++ % accounts.size());
                return () -> signIn(http, gateway, account);
            }
        };
        String hash = Password.hash("quiet lantern over the meadow tide").addRandomSalt(16).with(ARGON2ID).getResult();
        Supplier<Runnable> rawHash = () -> () -> {
            if (!Password.check("quiet lantern over the meadow tide", hash).with(ARGON2ID)) {
                throw new IllegalStateException("hash did not verify");
            }
        };

        run("warm-up (sign-ins)", signIn, concurrency, 5);
        run("warm-up (raw Argon2id)", rawHash, concurrency, 5);
        // alternating short rounds, so that whatever else the machine does falls on both sides alike
        int rounds = Math.max(1, seconds / 5);
        double signIns = 0;
        double hashes = 0;
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                signIns += run("sign-ins through the gateway", signIn, concurrency, 5);
                hashes += run("raw Argon2id verifications", rawHash, concurrency, 5);
            } else {
                hashes += run("raw Argon2id verifications", rawHash, concurrency, 5);
                signIns += run("sign-ins through the gateway", signIn, concurrency, 5);
            }
        }
        System.out.printf("%nsign-ins/s %.1f   raw Argon2id/s %.1f   ratio %.2f (aim: at least 0.85)%n",
                signIns / rounds, hashes / rounds, signIns / hashes);
    }

    /** Runs the operation from {@code concurrency} threads for the given time; returns completed operations per second. */
    private static double run(String name, Supplier<Runnable> operations, int concurrency, int seconds) throws Exception {
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Runnable operation = operations.get();
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        operation.run();
                        done.increment();
                    } catch (RuntimeException e) {
                        failed.increment();
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double rate = done.sum() / elapsed;
        System.out.printf("  %-30s %7.1f /s  (%d ok, %d failed, %.1f s)%n", name, rate, done.sum(), failed.sum(), elapsed);
        return rate;
    }

    private static Map<String, String> register(Http http, String gateway) {
        String username = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String password = "bench lantern " + UUID.randomUUID().toString().substring(0, 8) + " tide";
        Http.Answer answer = http.post(gateway + "/api/accounts",
                Map.of("username", username, "password", password, "email", username + "@example.org"));
        if (answer.status() != 201) {
            throw new IllegalStateException("cannot register a benchmark account: " + answer.status() + " " + answer.body());
        }
        return Map.of("username", username, "password", password);
    }

    private static void signIn(Http http, String gateway, Map<String, String> account) {
        Http.Answer answer = http.post(gateway + "/api/login", account);
        if (answer.status() != 200 || !"AUTHENTICATED".equals(answer.body().path("status").asText())) {
            throw new IllegalStateException("sign-in answered " + answer.status());
        }
    }
}
