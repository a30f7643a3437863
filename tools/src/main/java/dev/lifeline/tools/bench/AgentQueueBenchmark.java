package dev.lifeline.tools.bench;

import dev.lifeline.tools.DevStaff;
import dev.lifeline.tools.Http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agents' queue on a busy day: the local stack's ticket database gets {@code tickets} open
 * tickets (each with a request, some with an approval), and agent1 reads pages of 50 through the
 * gateway, as the console does: the first page again and again, and page after page to the end.
 * Reports p50/p95 per page; the seeded tickets are removed afterwards.
 *
 * <pre>./lifeline bench agent-queue [tickets] [first-page reads]</pre>
 */
public final class AgentQueueBenchmark {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    private AgentQueueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String gateway = System.getProperty("gateway", "http://localhost:8080");
        String database = System.getProperty("tickets-db", "jdbc:postgresql://127.0.0.1:5432/tickets");
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String prefix = "bench-queue-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        try (Connection db = DriverManager.getConnection(database, "postgres", "postgres")) {
            seed(db, prefix, tickets);
            try {
                String token = DevStaff.signIn(new Http(), gateway, "agent1");
                HttpClient client = HttpClient.newHttpClient();
                System.out.printf("agent queue: %d open tickets seeded, pages of 50 through %s, %d cores%n",
                        tickets, gateway, Runtime.getRuntime().availableProcessors());
                List<Long> first = new ArrayList<>();
                for (int i = 0; i < reads + 20; i++) {
                    long took = read(client, gateway + "/api/agent/tickets", token).took();
                    if (i >= 20) {
                        first.add(took); // the first 20 warm the JIT, the pool and the caches
                    }
                }
                report("first page", first);
                List<Long> walk = new ArrayList<>();
                String next = gateway + "/api/agent/tickets";
                while (next != null) {
                    Read page = read(client, next, token);
                    walk.add(page.took());
                    next = page.next() == null ? null : URI.create(gateway).resolve(page.next()).toString();
                }
                report("every page", walk);
            } finally {
                remove(db, prefix);
            }
        }
    }

    private record Read(long took, String next) {
    }

    private static Read read(HttpClient client, String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).GET().build();
        long sent = System.nanoTime();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - sent;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        Matcher next = NEXT.matcher(answer.headers().firstValue("Link").orElse(""));
        return new Read(took, next.find() ? next.group(1) : null);
    }

    private static void report(String name, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("  %-10s %4d reads: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", name, sorted.size(),
                percentile(sorted, 50) / 1e6, percentile(sorted, 95) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
    }

    private static long percentile(List<Long> sorted, int percentile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    private static void seed(Connection db, String prefix, int count) throws Exception {
        Random random = new Random(42);
        Instant now = Instant.now();
        db.setAutoCommit(false);
        try (PreparedStatement ticket = db.prepareStatement("""
                INSERT INTO ticket (id, username, status, priority, opened_at, due_by, updated_at)
                VALUES (?, ?, 'OPEN', ?, ?, ?, ?)""");
             PreparedStatement request = db.prepareStatement("""
                     INSERT INTO ticket_request (id, ticket_id, tracking_code_hash, contact_email, details, requester_ip, username, requested_at)
                     VALUES (?, ?, ?, ?, 'benchmark', '198.51.100.1', ?, ?)""");
             PreparedStatement approval = db.prepareStatement(
                     "INSERT INTO ticket_approval (ticket_id, agent, note, at) VALUES (?, 'bench-agent', 'benchmark', ?)")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                Timestamp opened = Timestamp.from(now.minusSeconds(random.nextInt(86_400)));
                ticket.setObject(1, id);
                ticket.setString(2, prefix + i);
                ticket.setInt(3, 1 + random.nextInt(3));
                ticket.setTimestamp(4, opened);
                ticket.setTimestamp(5, Timestamp.from(opened.toInstant().plus(Duration.ofHours(24))));
                ticket.setTimestamp(6, opened);
                ticket.addBatch();
                request.setObject(1, UUID.randomUUID());
                request.setObject(2, id);
                request.setBytes(3, UUID.randomUUID().toString().getBytes());
                request.setString(4, prefix + i + "@example.org");
                request.setString(5, prefix + i);
                request.setTimestamp(6, opened);
                request.addBatch();
                if (random.nextInt(4) == 0) {
                    approval.setObject(1, id);
                    approval.setTimestamp(2, opened);
                    approval.addBatch();
                }
            }
            ticket.executeBatch();
            request.executeBatch();
            approval.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
        db.createStatement().execute("ANALYZE ticket");
    }

    private static void remove(Connection db, String prefix) throws Exception {
        String owned = "(SELECT id FROM ticket WHERE username LIKE '" + prefix + "%')";
        db.createStatement().executeUpdate("DELETE FROM ticket_approval WHERE ticket_id IN " + owned);
        db.createStatement().executeUpdate("DELETE FROM ticket_request WHERE ticket_id IN " + owned);
        db.createStatement().executeUpdate("DELETE FROM ticket_audit WHERE ticket_id IN " + owned);
        db.createStatement().executeUpdate("DELETE FROM ticket WHERE username LIKE '" + prefix + "%'");
    }
}
