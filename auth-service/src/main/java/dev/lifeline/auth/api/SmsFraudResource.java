package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.PumpingGuard;
import dev.lifeline.auth.domain.SmsBudget;
import dev.lifeline.auth.domain.SmsSpend;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.SmsPrefixBlock;
import dev.lifeline.problem.ProblemException;
import dev.lifeline.security.RecentSignIn;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What ops see of SMS fraud and spend, and what they can do about it (role {@code ops}): texts and
 * estimated spend per country over the last day, the global budget and its use, blocked prefixes with
 * why and since when; lifting a block and setting the budget need a recent sign-in.
 */
@Path("/api/ops/sms-fraud")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Account.OPS)
@Tag(name = "Ops")
public class SmsFraudResource {

    @Inject
    Clock clock;

    private final Caller caller;
    private final PumpingGuard guard;
    private final SmsBudget budget;
    private final SmsSpend spend;
    private final RecentSignIn recentSignIn;

    public SmsFraudResource(Caller caller, PumpingGuard guard, SmsBudget budget, SmsSpend spend, RecentSignIn recentSignIn) {
        this.caller = caller;
        this.guard = guard;
        this.budget = budget;
        this.spend = spend;
        this.recentSignIn = recentSignIn;
    }

    public record Country(String country, long textsLastDay, double estimatedSpendLastDay) {
    }

    public record Block(String prefix, String country, Instant blockedAt, Instant until, String reason, boolean active,
                        Instant liftedAt, String liftedBy) {
    }

    public record Overview(SmsBudget.Usage budget, List<Block> blockedPrefixes, List<Country> countries) {
    }

    public record Budget(@NotNull @Min(1) @Max(10_000_000) Integer perHour, @NotNull @Min(1) @Max(100_000_000) Integer perDay) {
    }

    @Operation(summary = "SMS spend, blocked prefixes and the budget (ops)")
    @GET
    public Overview overview() {
        caller.account();
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Block> blocks = SmsPrefixBlock.recent(now).stream().map(b -> new Block(b.prefix, b.country, b.blockedAt, b.until,
                    b.reason, b.activeAt(now), b.liftedAt, b.liftedBy)).toList();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                            SELECT country, count(*) FROM sms_request WHERE requested_at > ?1 AND country IS NOT NULL
                            GROUP BY country ORDER BY count(*) DESC""")
                    .setParameter(1, now.minus(Duration.ofDays(1))).getResultList();
            List<Country> countries = rows.stream().map(r -> {
                long texts = ((Number) r[1]).longValue();
                return new Country((String) r[0], texts, Math.round(texts * spend.priceOf((String) r[0]) * 100) / 100.0);
            }).toList();
            return new Overview(budget.usage(), blocks, countries);
        });
    }

    /** Lifts a block now ({@code +447700} or {@code 447700}); 404 when the prefix is not blocked. */
    @Operation(summary = "Lift a block on a phone prefix now (ops, recent sign-in)")
    @DELETE
    @Path("/blocks/{prefix}")
    public Response lift(@PathParam("prefix") String prefix) {
        String by = caller.account().username();
        recentSignIn.require("lift an SMS block");
        String normalized = prefix.startsWith("+") ? prefix : "+" + prefix;
        if (!guard.lift(normalized, by)) {
            throw new ProblemException(404, "block_not_found", "Not Found", "No block is in force for " + normalized + ".");
        }
        return Response.noContent().build();
    }

    /** Sets the global budget (an attack on a busy day may need more room, or less). */
    @Operation(summary = "Set the global SMS budget (ops, recent sign-in)")
    @PUT
    @Path("/budget")
    @Consumes(MediaType.APPLICATION_JSON)
    public SmsBudget.Limits setBudget(@NotNull @Valid Budget request) {
        String by = caller.account().username();
        recentSignIn.require("change the SMS budget");
        return budget.set(request.perHour(), request.perDay(), by);
    }

    /** Back to the configured budget. */
    @Operation(summary = "Go back to the configured SMS budget (ops, recent sign-in)")
    @DELETE
    @Path("/budget")
    public SmsBudget.Limits resetBudget() {
        String by = caller.account().username();
        recentSignIn.require("change the SMS budget");
        return budget.set(null, null, by);
    }
}
