package dev.lifeline.auth.api;

import dev.lifeline.auth.domain.Accounts;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.security.Usernames;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/accounts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Account")
public class AccountResource {

    private final Accounts accounts;

    public AccountResource(Accounts accounts) {
        this.accounts = accounts;
    }

    public record NewAccount(
            @NotBlank @Pattern(regexp = Usernames.PATTERN, message = Usernames.RULE) String username,
            @NotNull @Size(max = 1024) String password,
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 32) String phone) {
    }

    public record Created(UUID id, String username) {
    }

    @Operation(summary = "Open an account (username, password, optional phone to turn SMS on later)")
    @POST
    public Response create(@NotNull @Valid NewAccount request) {
        Account account = accounts.register(request.username(), request.password(), request.email(), request.phone());
        return Response.created(URI.create("/api/me")).entity(new Created(account.id, account.username)).build();
    }
}
