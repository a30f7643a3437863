package dev.lifeline.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds RFC 9457 problem responses; the only place that knows their shape. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    private Problems() {
    }

    public static Response response(ProblemException problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:lifeline:problem:" + problem.code());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("code", problem.code());
        problem.extensions().forEach(body::putIfAbsent);
        Response.ResponseBuilder builder = Response.status(problem.status()).type(PROBLEM_JSON).entity(body);
        problem.headers().forEach(builder::header);
        return builder.build();
    }

    /** The status each kind of {@link DomainError} is answered with. */
    private static final Map<Class<? extends DomainError>, Integer> STATUS_OF = Map.of(
            DomainError.Invalid.class, 400,
            DomainError.NotAuthenticated.class, 401,
            DomainError.Refused.class, 403,
            DomainError.NotFound.class, 404,
            DomainError.Conflict.class, 409,
            DomainError.Expired.class, 410,
            DomainError.Limited.class, 429,
            DomainError.Unavailable.class, 503);

    /** A domain refusal as HTTP: its kind decides the status, its code and details travel unchanged. */
    public static ProblemException of(DomainError error) {
        int status = STATUS_OF.get(error.getClass());
        ProblemException answer = new ProblemException(status, error.code(), Response.Status.fromStatusCode(status).getReasonPhrase(),
                error.detail());
        error.details().forEach(answer::with);
        error.retryAfterSeconds().ifPresent(seconds -> answer.withHeader("Retry-After", Long.toString(seconds)));
        return answer;
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, "Bad Request", detail);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, "Not Found", detail);
    }

    /** The code and title for a bare HTTP status, for errors raised by the framework itself. */
    public static ProblemException forStatus(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
        return new ProblemException(status, code, title, detail);
    }
}
