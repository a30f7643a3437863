package dev.lifeline.tools.bench;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.lifeline.tools.Http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Password sign-ins per second through the gateway of a running local stack, against libargon2's own
 * verifications per second in process (argon2-jvm, the library auth-service hashes with) at the same
 * parameters with as many threads as cores, in alternating rounds of one run; their ratio says how
 * little the system costs beyond the hash. Then an overload: sixteen clients per core for ten seconds
 * (the stage refuses what it cannot queue with 503), the answered requests' latency, and how fast a
 * sign-in is again right after.
 *
 * <pre>./lifeline bench sign-in [seconds] [clients]</pre>
 */
public final class SignInBenchmark {

    /** auth-service's defaults (lifeline.auth.password.*): OWASP's 19 MiB, 2 iterations, 1 lane. */
    private static final int MEMORY_KIB = 19456;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;
    private static final String PASSWORD = "quiet lantern over the meadow tide";

    private final Http http = new Http();
    private final String gateway;
    private final List<Map<String, String>> accounts = new ArrayList<>();
    private final Map<Integer, RawHttp> connections = new ConcurrentHashMap<>();

    private SignInBenchmark(String gateway) {
        this.gateway = gateway;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int cores = Runtime.getRuntime().availableProcessors();
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : cores * 2;
        new SignInBenchmark(System.getProperty("gateway", "http://localhost:8080")).run(seconds, clients, cores);
    }

    private void run(int seconds, int clients, int cores) throws Exception {
        System.out.printf("sign-in benchmark: %d s per side, %d sign-in clients, %d cores (= libargon2 threads), Argon2id m=%d KiB t=%d p=%d%n",
                seconds, clients, cores, MEMORY_KIB, ITERATIONS, LANES);
        for (int i = 0; i < clients * 8; i++) {
            accounts.add(register());
        }
        Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
        String hash = argon2.hash(ITERATIONS, MEMORY_KIB, LANES, PASSWORD.toCharArray());
        IntFunction<Integer> rawVerify = client -> {
            if (!argon2.verify(hash, PASSWORD.toCharArray())) {
                throw new IllegalStateException("hash did not verify");
            }
            return 200;
        };

        phase("warm-up (sign-ins: the JIT compilers at work)", this::signIn, clients, 30);
        phase("warm-up (libargon2)", rawVerify, cores, 5);
        // alternating short rounds, so that whatever else the machine does falls on both sides alike
        int rounds = Math.max(1, seconds / 5);
        double signIns = 0;
        double hashes = 0;
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                signIns += phase("sign-ins through the gateway", this::signIn, clients, 5).perSecond();
                hashes += phase("libargon2 verifications", rawVerify, cores, 5).perSecond();
            } else {
                hashes += phase("libargon2 verifications", rawVerify, cores, 5).perSecond();
                signIns += phase("sign-ins through the gateway", this::signIn, clients, 5).perSecond();
            }
        }
        System.out.printf("%nsign-ins/s %.1f   libargon2 verifications/s %.1f   ratio %.2f (aim: at least 0.85)%n%n",
                signIns / rounds, hashes / rounds, signIns / hashes);

        int overload = cores * 16;
        Result flood = phase("overload: " + overload + " clients", this::signIn, overload, 10);
        Result after = phase("right after: 1 client", this::signIn, 1, 3);
        System.out.printf("%noverload: answers %s; p99 of the sign-ins answered 200: %.0f ms; right after, p99 %.0f ms%n",
                flood.statuses(), flood.p99Millis(), after.p99Millis());
    }

    /**
     * One sign-in on the client's own kept-alive connection, written as wrk writes it (the request's
     * bytes made once, the answer read by its Content-Length): the load generator shares the machine,
     * so it must cost next to nothing. Returns the status (200 only with AUTHENTICATED).
     */
    private int signIn(int client) {
        RawHttp connection = connections.computeIfAbsent(client, c -> new RawHttp(gateway));
        Map<String, String> account = accounts.get(client % accounts.size());
        RawHttp.Answer answer = connection.post("/api/login",
                "{\"username\":\"" + account.get("username") + "\",\"password\":\"" + account.get("password") + "\"}");
        if (answer.status() == 200 && !answer.body().contains("\"AUTHENTICATED\"")) {
            throw new IllegalStateException("sign-in answered " + answer.body());
        }
        return answer.status();
    }

    record Result(double perSecond, Map<Integer, Long> statuses, double p99Millis) {
    }

    /** Runs the operation from that many threads for the given time; counts answers by status, 200s per second and their p99. */
    private static Result phase(String name, IntFunction<Integer> operation, int threads, int seconds) throws Exception {
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> okNanos = new ConcurrentLinkedQueue<>();
        LongAdder failed = new LongAdder();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int client = i;
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    try {
                        int status = operation.apply(client);
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (status == 200) {
                            okNanos.add(System.nanoTime() - began);
                        }
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
        List<Long> sorted = okNanos.stream().sorted().toList();
        double p99 = sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        double rate = sorted.size() / elapsed;
        System.out.printf("  %-30s %7.1f /s  (answers %s, %d failed, p99 %.0f ms, %.1f s)%n", name, rate, counts, failed.sum(), p99, elapsed);
        return new Result(rate, counts, p99);
    }

    private Map<String, String> register() {
        String username = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Http.Answer answer = http.post(gateway + "/api/accounts",
                Map.of("username", username, "password", PASSWORD, "email", username + "@example.org"));
        if (answer.status() != 201) {
            throw new IllegalStateException("cannot register a benchmark account: " + answer.status() + " " + answer.body());
        }
        return Map.of("username", username, "password", PASSWORD);
    }
}
