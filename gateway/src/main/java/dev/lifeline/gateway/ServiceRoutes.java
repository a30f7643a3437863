package dev.lifeline.gateway;

import java.util.List;
import java.util.Optional;

/**
 * Which service answers which part of the public API (docs/architecture.md; all of it at {@code /api/openapi}) and the SMS
 * providers' delivery receipts. The
 * services serve the same paths the clients use, so the gateway forwards without rewriting.
 * The most specific prefix wins.
 */
public final class ServiceRoutes {

    public record Route(String pathPrefix, String service) {
    }

    public static final List<Route> ROUTES = List.of(
            new Route("/api/me/backup-codes", "backup-codes"),
            new Route("/api/me/recovery-tickets", "tickets"),
            new Route("/api/recovery-tickets", "tickets"),
            new Route("/api/agent", "tickets"),
            new Route("/api/ops/tickets", "tickets"),
            new Route("/api/ops/sms-fraud", "auth"),
            new Route("/api/ops/sign-ins", "auth"),
            new Route("/api/ops", "otp"),
            new Route("/api", "auth"),
            // SMS providers' delivery receipts: the public URL otp-service gives them (lifeline.otp.callback-base-url)
            new Route("/callbacks/sms", "otp"));

    private ServiceRoutes() {
    }

    public static Optional<Route> forPath(String path) {
        return ROUTES.stream().filter(route -> matches(route.pathPrefix(), path)).findFirst();
    }

    private static boolean matches(String prefix, String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
