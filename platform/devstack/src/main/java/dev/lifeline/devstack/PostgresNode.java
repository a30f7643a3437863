package dev.lifeline.devstack;

import java.nio.file.Path;

/**
 * Starts the local stack's PostgreSQL as a server of its own, so that it can be killed and started
 * again by itself ({@code ./lifeline kill postgres}) and find its data as it was: the data directory
 * ({@code LIFELINE_POSTGRES_DATA}) lives as long as the stack. Each service's database is created
 * if missing. This JVM ends once the server is ready; the server runs on (its pid is the first line
 * of {@code postmaster.pid}), so no JVM sits beside it holding memory.
 */
public final class PostgresNode {

    private PostgresNode() {
    }

    public static void main(String[] args) {
        DevStack.quietLogs();
        long started = System.nanoTime();
        Path dataDir = Path.of(DevStack.setting("LIFELINE_POSTGRES_DATA", ".lifeline/postgres"));
        PostgresServer postgres = PostgresServer.startLasting(DevStack.intSetting("LIFELINE_POSTGRES_PORT", 5432), dataDir);
        LocalInfrastructure.SERVICE_DATABASES.forEach(postgres::createDatabase);
        System.out.printf("postgres ready in %d ms on 127.0.0.1:%d (databases %s)%n", (System.nanoTime() - started) / 1_000_000,
                postgres.port(), String.join(",", LocalInfrastructure.SERVICE_DATABASES));
        System.exit(0);
    }
}
