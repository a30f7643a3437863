package dev.lifeline.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local stack's PostgreSQL in a process of its own, so that it can be killed and started again
 * by itself ({@code ./lifeline kill postgres}) and find its data as it was: the data directory
 * ({@code LIFELINE_POSTGRES_DATA}) lives as long as the stack. Each service's database is created
 * if missing. The process ends when the server does.
 */
public final class PostgresNode {

    private PostgresNode() {
    }

    public static void main(String[] args) throws IOException {
        DevStack.quietLogs();
        long started = System.nanoTime();
        Path dataDir = Path.of(DevStack.setting("LIFELINE_POSTGRES_DATA", ".lifeline/postgres"));
        PostgresServer postgres = PostgresServer.start(DevStack.intSetting("LIFELINE_POSTGRES_PORT", 5432), dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-shutdown"));
        LocalInfrastructure.SERVICE_DATABASES.forEach(postgres::createDatabase);
        System.out.printf("postgres ready in %d ms on 127.0.0.1:%d (databases %s)%n", (System.nanoTime() - started) / 1_000_000,
                postgres.port(), String.join(",", LocalInfrastructure.SERVICE_DATABASES));
        // the server runs on by itself (pg_ctl started it); this process lives as long as it does
        long server = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle.of(server).ifPresent(process -> process.onExit().join());
        System.out.println("postgres ended");
        System.exit(1);
    }
}
