package dev.lifeline.tools.bench;

import dev.lifeline.contracts.Services;
import dev.lifeline.tools.DevSigningKey;
import dev.lifeline.tools.Http;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backup-code verification under concurrent load against the local stack's backup-code-service:
 * latency p50/p95 and Argon2id hashes computed per verification (from its own metric), for right
 * and for wrong codes. It calls the internal API as auth-service does, with one-minute service tokens
 * signed by the local stack's dev signing key ({@code .lifeline/dev-signing-key.pem}).
 *
 * <pre>./lifeline bench backup-codes [verifications] [clients]</pre>
 */
public final class BackupCodeBenchmark {

    private static final Pattern HASHES = Pattern.compile("(?m)^lifeline_backup_code_hashes_total\\S* ([0-9.E]+)$");

    private BackupCodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String service = System.getProperty("backup-code-service", "http://localhost:8083");
        int verifications = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Http http = new Http();
        Path key = Path.of(System.getProperty("dev-signing-key", ".lifeline/dev-signing-key.pem"));

        ConcurrentLinkedQueue<Map<String, String>> right = new ConcurrentLinkedQueue<>();
        for (int set = 0; set < (verifications + 9) / 10; set++) {
            String account = UUID.randomUUID().toString();
            http.call("POST", service + "/internal/backup-codes/sets", Map.of("accountId", account),
                            DevSigningKey.serviceToken(key, Services.BACKUP_CODES)).body().get("codes")
                    .forEach(code -> right.add(Map.of("accountId", account, "code", code.asText())));
        }
        List<Map<String, String>> wrong = new ArrayList<>();
        for (Map<String, String> attempt : right) {
            String code = attempt.get("code");
            wrong.add(Map.of("accountId", attempt.get("accountId"), "code", code.substring(0, 5) + (code.charAt(5) == 'Z' ? 'Y' : 'Z') + code.substring(6)));
        }
        System.out.printf("backup-code verification: %d right and %d wrong codes, %d concurrent clients, %d cores%n",
                right.size(), wrong.size(), clients, Runtime.getRuntime().availableProcessors());
        measure("right codes", http, service, key, new ArrayList<>(right), clients, "ACCEPTED");
        measure("wrong codes", http, service, key, wrong, clients, "WRONG");
    }

    private static void measure(String name, Http http, String service, Path key, List<Map<String, String>> attempts,
                                int clients, String expectedOutcome) throws Exception {
        double hashesBefore = hashes(http, service);
        ConcurrentLinkedQueue<Map<String, String>> queue = new ConcurrentLinkedQueue<>(attempts);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Integer> unexpected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(pool.submit(() -> {
                Map<String, String> attempt;
                while ((attempt = queue.poll()) != null) {
                    String token = DevSigningKey.serviceToken(key, Services.BACKUP_CODES);
                    long sent = System.nanoTime();
                    Http.Answer answer = http.call("POST", service + "/internal/backup-codes/verifications", attempt, token);
                    latencies.add(System.nanoTime() - sent);
                    if (answer.status() != 200 || !expectedOutcome.equals(answer.body().path("outcome").asText())) {
                        unexpected.add(answer.status());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        double hashes = hashes(http, service) - hashesBefore;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("  %-12s %4d verifications in %.1f s (%.1f/s): p50 %d ms, p95 %d ms, hashes per verification %.2f%s%n",
                name, sorted.size(), seconds, sorted.size() / seconds, percentile(sorted, 50), percentile(sorted, 95),
                hashes / sorted.size(), unexpected.isEmpty() ? "" : ", unexpected answers " + unexpected);
    }

    private static long percentile(List<Long> sortedNanos, int percentile) {
        int index = Math.min(sortedNanos.size() - 1, (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1);
        return sortedNanos.get(Math.max(0, index)) / 1_000_000;
    }

    private static double hashes(Http http, String service) {
        Matcher matcher = HASHES.matcher(http.get(service + "/q/metrics"));
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
