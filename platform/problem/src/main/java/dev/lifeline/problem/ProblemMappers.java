package dev.lifeline.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;

/**
 * Maps every exception that reaches the REST layer to {@code application/problem+json}. A refusal
 * of bad input is a 4xx with a code the frontend can act on; anything else is a 500, logged with an
 * id the client also sees, because a 5xx is a bug.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException problem) {
        return Problems.response(problem);
    }

    @ServerExceptionMapper
    public Response refused(DomainError refusal) {
        return Problems.response(Problems.of(refusal));
    }

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> Map.of("field", fieldName(v), "message", v.getMessage()))
                .toList();
        return Problems.response(Problems.badRequest("validation_failed", "Some fields are missing or invalid.")
                .with("violations", violations));
    }

    // listed one by one: quarkus-rest-jackson maps some of these subtypes itself, with a plain JSON body
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class})
    public Response unreadableJson(JsonProcessingException e) {
        return Problems.response(Problems.badRequest("malformed_json",
                "The request body is not valid JSON of the expected shape."));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Problems.response(new ProblemException(401, "unauthorized", "Unauthorized", "Sign in to do this.")
                .withHeader("WWW-Authenticate", "Bearer"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.response(new ProblemException(403, "forbidden", "Forbidden", "You may not do this."));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        return Problems.response(Problems.forStatus(status, defaultDetail(status)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (databaseUnreachable(e)) {
            LOG.warnf("database unreachable: %s", e.toString());
            return Problems.response(new ProblemException(503, "database_unavailable", "Service Unavailable",
                    "We cannot reach our records for a moment; nothing was changed. Try again in a few seconds.")
                    .withHeader("Retry-After", "5"));
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s", errorId);
        return Problems.response(Problems.forStatus(500, "Something went wrong on our side; it has been logged.")
                .with("errorId", errorId));
    }

    /**
     * The database is restarting or out of reach (SQL state class 08, "connection exception"; 57P01-03,
     * the server shutting down or still recovering, "not yet accepting connections"; or the pool found
     * no connection in time): the transaction rolled back, so the request may be tried again.
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && (sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))
                    || String.valueOf(sql.getMessage()).contains("acquisition timeout"))) {
                return true;
            }
        }
        return false;
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // "create.request.username" -> "username": clients name fields, not Java parameters
        String path = violation.getPropertyPath().toString();
        int lastDot = path.lastIndexOf('.');
        return lastDot < 0 ? path : path.substring(lastDot + 1);
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406 -> "This address cannot answer in the requested media type.";
            case 415 -> "This address does not accept that content type; send application/json.";
            default -> "The request was refused.";
        };
    }
}
