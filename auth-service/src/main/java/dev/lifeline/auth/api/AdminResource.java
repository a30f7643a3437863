package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.AccessTokens;
import dev.lifeline.auth.domain.AdminBootstrap;
import dev.lifeline.auth.domain.StaffAdministration;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.StaffAudit;
import dev.lifeline.security.RecentSignIn;
import dev.lifeline.security.Usernames;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Staff administration, for admins with a recent sign-in: make an agent, ops or admin account,
 * reset its sign-in, disable it, read the audit. And the one-time making of the first admin.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff administration")
public class AdminResource {

    private final Caller caller;
    private final StaffAdministration staff;
    private final AdminBootstrap bootstrap;
    private final RecentSignIn recentSignIn;

    public AdminResource(Caller caller, StaffAdministration staff, AdminBootstrap bootstrap, RecentSignIn recentSignIn) {
        this.caller = caller;
        this.staff = staff;
        this.bootstrap = bootstrap;
        this.recentSignIn = recentSignIn;
    }

    public record NewStaff(
            @NotBlank @Pattern(regexp = Usernames.PATTERN, message = Usernames.RULE) String username,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 16) String role) {
    }

    public record FirstAdmin(@NotBlank @Size(max = 200) String token,
                             @NotBlank @Pattern(regexp = Usernames.PATTERN, message = Usernames.RULE) String username,
                             @NotBlank @Email @Size(max = 254) String email) {
    }

    /** A staff account as admins see it; {@code secondFactor}: it has an app or a passkey, so its role counts. */
    public record StaffView(UUID id, String username, String email, List<String> roles, boolean secondFactor,
                            boolean passwordSet, Instant createdAt, Instant disabledAt) {
        static StaffView of(Account account) {
            return new StaffView(account.id, account.username, account.email,
                    Arrays.stream(account.roles).filter(Account.STAFF_ROLES::contains).sorted().toList(),
                    account.hasFactorBeyondSms(), !account.passwordResetRequired, account.createdAt, account.disabledAt);
        }
    }

    public record AuditEntry(Instant at, String actor, String action, UUID targetId, String target, String detail) {
        static AuditEntry of(StaffAudit entry) {
            return new AuditEntry(entry.at, entry.actor, entry.action, entry.targetId, entry.target, entry.detail);
        }
    }

    @Operation(summary = "Add a staff account (admin)")
    @POST
    @Path("/staff")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Account.ADMIN)
    public Response create(@NotNull @Valid NewStaff request) {
        StaffAdministration.Actor actor = actor("make a staff account");
        Account made = staff.create(actor, request.username(), request.email(), request.role());
        return Response.created(URI.create("/api/admin/staff/" + made.id)).entity(StaffView.of(made)).build();
    }

    @Operation(summary = "List staff accounts and whether each has the second factor its role needs (admin)")
    @GET
    @Path("/staff")
    @RolesAllowed(Account.ADMIN)
    public List<StaffView> list() {
        caller.account();
        return staff.list().stream().map(StaffView::of).toList();
    }

    /** Every factor, session and the password gone; the owner starts over from an emailed link. */
    @Operation(summary = "Reset a staff member's second factors, so they enrol again (admin)")
    @POST
    @Path("/staff/{id}/reset")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Account.ADMIN)
    public Response resetFactors(@PathParam("id") UUID id) {
        staff.resetFactors(actor("reset a staff sign-in"), id);
        return Response.noContent().build();
    }

    /** Disables the account: it never signs in again, its sessions end now. */
    @Operation(summary = "Disable a staff account: it never signs in again, its sessions end now (admin)")
    @DELETE
    @Path("/staff/{id}")
    @RolesAllowed(Account.ADMIN)
    public Response disable(@PathParam("id") UUID id) {
        staff.disable(actor("disable a staff account"), id);
        return Response.noContent().build();
    }

    @Operation(summary = "What admins did to staff accounts, newest first (admin)")
    @GET
    @Path("/audit")
    @RolesAllowed(Account.ADMIN)
    public List<AuditEntry> audit(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        caller.account();
        return staff.audit(limit).stream().map(AuditEntry::of).toList();
    }

    /** The first admin of an installation, with the one-time token (see {@link AdminBootstrap}). */
    @Operation(summary = "Make the first admin of an installation with the one-time bootstrap token")
    @POST
    @Path("/bootstrap")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response bootstrap(@NotNull @Valid FirstAdmin request) {
        Account admin = bootstrap.createFirstAdmin(request.token(), request.username(), request.email());
        return Response.created(URI.create("/api/admin/staff/" + admin.id)).entity(StaffView.of(admin)).build();
    }

    private StaffAdministration.Actor actor(String action) {
        AccessTokens.Claims me = caller.account();
        recentSignIn.require(action);
        return new StaffAdministration.Actor(me.accountId(), me.username());
    }
}
