package dev.lifeline.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/** Endpoints that fail in each way a real resource can, so the mapping is tested over HTTP. */
@Path("/api/probe")
public class ProbeResource {

    public record Greeting(@NotBlank @Size(max = 10) String name, int count) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Greeting echo(@Valid Greeting greeting) {
        return greeting;
    }

    @GET
    @Path("/locked")
    public String locked() {
        throw new ProblemException(429, "account_locked", "Too Many Requests", "Try again later.")
                .with("attemptsLeft", 0)
                .withHeader("Retry-After", "30");
    }

    @GET
    @Path("/code-used")
    public String codeUsed() {
        throw new DomainError.Limited("too_many_attempts", "Too many wrong codes.")
                .with("attemptsLeft", 0)
                .retryAfter(60);
    }

    @GET
    @Path("/database-gone")
    public String databaseGone() {
        // as Hibernate passes on what the PostgreSQL driver says when the server is gone
        throw new IllegalStateException("could not obtain connection",
                new java.sql.SQLException("Connection to 127.0.0.1:5432 refused.", "08001"));
    }

    @GET
    @Path("/database-recovering")
    public String databaseRecovering() {
        // the server is back but still replaying its log after a crash
        throw new IllegalStateException("Unable to acquire JDBC Connection",
                new java.sql.SQLException("FATAL: the database system is not yet accepting connections", "57P03"));
    }

    @GET
    @Path("/bug")
    public String bug() {
        throw new IllegalStateException("secret internal detail");
    }
}
