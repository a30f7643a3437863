package dev.lifeline.gateway;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;

/**
 * The reference web pages at the contract's paths: each path shows its page from
 * {@code META-INF/resources/pages}, and every page and asset goes out with headers that keep it
 * from being framed, sniffed or leaking its URL (a recovery's cancel link is in one) to other sites.
 * The pages call nothing but {@code /api/...} on this same origin.
 */
@ApplicationScoped
public class WebPages {

    static final Map<String, String> PAGES = Map.of(
            "/", "/pages/sign-in.html",
            "/account", "/pages/account.html",
            "/recover", "/pages/recover.html",
            "/reset-password", "/pages/reset-password.html",
            "/agent", "/pages/agent.html",
            "/ops", "/pages/ops.html");

    void install(@Observes Router router) {
        router.routeWithRegex("/(pages|assets|webjars)/.*").order(-50).handler(WebPages::secureHeaders);
        PAGES.forEach((path, page) -> router.get(path).order(-40).handler(ctx -> ctx.reroute(page)));
    }

    private static void secureHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                // once a browser has seen the pages over HTTPS, it never asks for them over plain HTTP again
                .putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .putHeader("Cache-Control", "no-store");
        ctx.next();
    }
}
