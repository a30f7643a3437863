package dev.lifeline.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server (zonky's embedded binaries, no Docker). Each service gets a database of
 * its own, created on demand, so that no service can read another's tables.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a fresh cluster; port 0 picks a free one. */
    public static PostgresServer start(int port) {
        return start(port, null);
    }

    /**
     * Starts a server on {@code dataDir} (made the first time, used again after) that outlives this
     * JVM: the local stack's, which the runner stops by signalling it.
     */
    public static PostgresServer startLasting(int port, Path dataDir) {
        return start(port, dataDir);
    }

    private static PostgresServer start(int port, Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    // a killed server loses nothing without fsync (the kernel keeps what it was given); only
                    // the machine's own crash would, and no test or drill crashes the machine
                    .setServerConfig("fsync", "off")
                    // four small databases: 32 MiB of shared buffers hold them, and every backend maps what it touches
                    .setServerConfig("shared_buffers", "32MB");
            // A commit answered before its WAL left the server is lost when the server is killed: the faults
            // drill saw a sign-in's session vanish with PostgreSQL (the person's next request: 401). The
            // local stack keeps every commit it answers; throwaway test servers, never killed, need not.
            builder.setServerConfig("synchronous_commit", dataDir == null ? "off" : "on");
            if (port != 0) {
                builder.setPort(port);
            }
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false).setRegisterShutdownHook(false);
            }
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists; returns its JDBC URL. */
    public String createDatabase(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a database name: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
            return jdbcUrl(database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        }
    }
}
