package dev.lifeline.auth.domain;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.lifeline.auth.client.BackupCodesClient;
import dev.lifeline.auth.config.AuthConfig;
import dev.lifeline.auth.persistence.Account;
import dev.lifeline.auth.persistence.Passkey;
import dev.lifeline.auth.persistence.PasskeyCeremony;
import dev.lifeline.contracts.events.TwoFactorDisabled;
import dev.lifeline.contracts.events.TwoFactorEnabled;
import dev.lifeline.outbox.Outbox;
import dev.lifeline.problem.DomainError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Passkeys (WebAuthn) as a second factor: registered from a signed-in session, answered at sign-in
 * or step-up. The browser signs a challenge we handed out with a key that never leaves the person's
 * device, for this site's origin only, so a passkey cannot be phished, replayed or used on another
 * site. Each challenge is single use (its row is deleted when used) and tied to one account and one
 * step; a signature counter that goes backwards (a cloned authenticator) is refused. webauthn4j checks
 * the signatures, origins and flags; attestation is not asked for ({@code none}), as for consumer passkeys.
 */
@ApplicationScoped
public class Passkeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** ES256, EdDSA and RS256: what every current platform and security key offers. */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    @Inject
    Clock clock;

    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(new ObjectConverter());
    private final FailureBudget budget;
    private final Outbox outbox;
    private final BackupCodesClient backupCodes;
    private final AuthConfig.Passkeys config;
    private final Set<Origin> origins;

    public Passkeys(FailureBudget budget, Outbox outbox, BackupCodesClient backupCodes, AuthConfig config) {
        this.budget = budget;
        this.outbox = outbox;
        this.backupCodes = backupCodes;
        this.config = config.passkeys();
        this.origins = this.config.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code PublicKeyCredentialCreationOptionsJSON}: what the page hands to {@code navigator.credentials.create}. */
    public record CreationOptions(String challenge, Party rp, User user, List<Algorithm> pubKeyCredParams, long timeout,
                                  List<Descriptor> excludeCredentials, Selection authenticatorSelection, String attestation) {
    }

    /** {@code PublicKeyCredentialRequestOptionsJSON}: what the page hands to {@code navigator.credentials.get}. */
    public record RequestOptions(String challenge, String rpId, List<Descriptor> allowCredentials, String userVerification,
                                 long timeout) {
    }

    public record Party(String id, String name) {
    }

    public record User(String id, String name, String displayName) {
    }

    public record Algorithm(String type, long alg) {
    }

    public record Descriptor(String type, String id) {
    }

    public record Selection(String residentKey, String userVerification) {
    }

    /** What the owner sees of a passkey; never the key itself. */
    public record View(UUID id, String name, Instant createdAt, Instant lastUsedAt) {
        static View of(Passkey passkey) {
            return new View(passkey.id, passkey.name, passkey.createdAt, passkey.lastUsedAt);
        }
    }

    public record Registered(boolean enabled, List<String> backupCodes, View passkey) {
    }

    public CreationOptions creationOptions(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.findById(accountId);
            byte[] challenge = newCeremony(accountId, PasskeyCeremony.Kind.REGISTRATION, null);
            return new CreationOptions(BASE64URL.encodeToString(challenge), new Party(config.rpId(), config.rpName()),
                    new User(BASE64URL.encodeToString(userHandle(accountId)), account.username, account.username),
                    ALGORITHMS.stream().map(p -> new Algorithm("public-key", p.getAlg().getValue())).toList(),
                    config.ceremonyTtl().toMillis(), descriptors(accountId), new Selection("preferred", "preferred"), "none");
        });
    }

    /**
     * Checks the browser's answer to a registration challenge and keeps the new passkey. The first
     * factor of an account (or the first after a recovery) comes with new backup codes, as for SMS.
     */
    public Registered register(UUID accountId, String name, String credentialJson) {
        RegistrationData data;
        try {
            data = webAuthn.parseRegistrationResponseJSON(credentialJson);
        } catch (DataConversionException | IllegalArgumentException e) {
            throw invalidCredential();
        }
        byte[] challenge = challengeOf(data.getCollectedClientData());
        if (!QuarkusTransaction.requiringNew().call(() ->
                PasskeyCeremony.useUp(challenge, accountId, PasskeyCeremony.Kind.REGISTRATION, null, clock.instant()))) {
            throw ceremonyUnknown();
        }
        try {
            webAuthn.verify(data, new RegistrationParameters(serverProperty(challenge), ALGORITHMS, false, true));
        } catch (VerificationException e) {
            throw new DomainError.Invalid("passkey_not_accepted", "The passkey could not be registered: " + e.getMessage());
        }
        AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticator.getAttestedCredentialData();
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(accountId));
        // codes first: if they cannot be made, the passkey is not kept, so no account has a factor without them
        boolean newCodes = SignIn.backupCodesLeft(account) == 0 || account.reenrollmentRequired;
        List<String> codes = newCodes ? backupCodes.generate(accountId) : List.of();
        Passkey kept = QuarkusTransaction.requiringNew().call(() -> {
            if (Passkey.count("credentialId", (Object) attested.getCredentialId()) > 0) {
                throw new DomainError.Conflict("passkey_already_registered", "This passkey is already registered.");
            }
            Passkey passkey = new Passkey();
            passkey.id = UUID.randomUUID();
            passkey.accountId = accountId;
            passkey.credentialId = attested.getCredentialId();
            passkey.attestedCredentialData = credentialData.convert(attested);
            passkey.signCount = authenticator.getSignCount();
            passkey.uvInitialized = authenticator.isFlagUV();
            passkey.backupEligible = authenticator.isFlagBE();
            passkey.backupState = authenticator.isFlagBS();
            passkey.name = name == null || name.isBlank() ? "Passkey" : name.strip();
            passkey.createdAt = clock.instant();
            passkey.persist();
            Account.<Account>findById(accountId).reenrollmentRequired = false;
            outbox.publish(accountId.toString(), new TwoFactorEnabled(accountId, Factor.PASSKEY.wireName()));
            return passkey;
        });
        return new Registered(true, codes, View.of(kept));
    }

    /** A challenge for signing in ({@code loginChallengeId}) or stepping up (null), listing the account's passkeys. */
    public RequestOptions requestOptions(Account account, UUID loginChallengeId) {
        if (!account.passkeyEnabled()) {
            throw new DomainError.Invalid("method_unavailable", "This account has no passkey.");
        }
        PasskeyCeremony.Kind kind = loginChallengeId == null ? PasskeyCeremony.Kind.STEP_UP : PasskeyCeremony.Kind.SIGN_IN;
        return QuarkusTransaction.requiringNew().call(() -> new RequestOptions(
                BASE64URL.encodeToString(newCeremony(account.id, kind, loginChallengeId)), config.rpId(),
                descriptors(account.id), "preferred", config.ceremonyTtl().toMillis()));
    }

    /**
     * Returns when {@code credentialJson} is the browser's answer, signed by one of the account's
     * passkeys, to a challenge handed out for this step and not answered before. Anything else spends
     * the account's failure budget, as a wrong code does.
     */
    public void verify(Account account, UUID loginChallengeId, String credentialJson) {
        QuarkusTransaction.requiringNew().run(() -> budget.ensureNotLocked(account.username));
        AuthenticationData data;
        try {
            data = webAuthn.parseAuthenticationResponseJSON(credentialJson);
        } catch (DataConversionException | IllegalArgumentException e) {
            throw invalidCredential();
        }
        PasskeyCeremony.Kind kind = loginChallengeId == null ? PasskeyCeremony.Kind.STEP_UP : PasskeyCeremony.Kind.SIGN_IN;
        byte[] challenge = challengeOf(data.getCollectedClientData());
        Passkey passkey = QuarkusTransaction.requiringNew().call(() -> {
            if (!PasskeyCeremony.useUp(challenge, account.id, kind, loginChallengeId, clock.instant())) {
                return null;
            }
            return Passkey.find(account.id, data.getCredentialId()).orElse(null);
        });
        if (passkey == null) {
            throw notAccepted(account);
        }
        try {
            webAuthn.verify(data, new AuthenticationParameters(serverProperty(challenge), record(passkey),
                    List.of(passkey.credentialId), false, true));
        } catch (VerificationException e) {
            throw notAccepted(account);
        }
        AuthenticatorData<?> authenticator = data.getAuthenticatorData();
        QuarkusTransaction.requiringNew().run(() ->
                Passkey.used(passkey.id, authenticator.getSignCount(), authenticator.isFlagBS(), clock.instant()));
    }

    public List<View> list(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> Passkey.ofAccount(accountId).stream().map(View::of).toList());
    }

    /** Removes one passkey; the caller has stepped up just before (the resource checks). */
    public void remove(UUID accountId, UUID passkeyId) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Passkey.delete("id = ?1 and accountId = ?2", passkeyId, accountId) == 0) {
                throw new DomainError.NotFound("passkey_not_found", "This account has no such passkey.");
            }
            outbox.publish(accountId.toString(), new TwoFactorDisabled(accountId, Factor.PASSKEY.wireName(), "removed by the owner"));
        });
    }

    private byte[] newCeremony(UUID accountId, PasskeyCeremony.Kind kind, UUID loginChallengeId) {
        Instant now = clock.instant();
        PasskeyCeremony.replaceOpen(accountId, kind, loginChallengeId, now);
        PasskeyCeremony ceremony = new PasskeyCeremony();
        ceremony.challenge = new byte[32];
        RANDOM.nextBytes(ceremony.challenge);
        ceremony.accountId = accountId;
        ceremony.kind = kind;
        ceremony.loginChallengeId = loginChallengeId;
        ceremony.expiresAt = now.plus(config.ceremonyTtl());
        ceremony.persist();
        return ceremony.challenge;
    }

    private static List<Descriptor> descriptors(UUID accountId) {
        return Passkey.ofAccount(accountId).stream()
                .map(p -> new Descriptor("public-key", BASE64URL.encodeToString(p.credentialId))).toList();
    }

    private ServerProperty serverProperty(byte[] challenge) {
        return ServerProperty.builder().origins(origins).rpId(config.rpId()).challenge(new DefaultChallenge(challenge)).build();
    }

    private CredentialRecordImpl record(Passkey passkey) {
        return new CredentialRecordImpl(new NoneAttestationStatement(), passkey.uvInitialized, passkey.backupEligible,
                passkey.backupState, passkey.signCount, credentialData.convert(passkey.attestedCredentialData), null, null, null, null);
    }

    /** The WebAuthn user handle: the account's id, which says nothing about the person. */
    private static byte[] userHandle(UUID accountId) {
        return ByteBuffer.allocate(16).putLong(accountId.getMostSignificantBits()).putLong(accountId.getLeastSignificantBits()).array();
    }

    private static byte[] challengeOf(com.webauthn4j.data.client.CollectedClientData clientData) {
        if (clientData == null || clientData.getChallenge() == null) {
            throw invalidCredential();
        }
        return clientData.getChallenge().getValue();
    }

    private DomainError notAccepted(Account account) {
        return budget.wrongCode(account.username, account.id, "wrong_passkey", "passkey_not_accepted",
                "That passkey was not accepted; ask for a new passkey prompt and try again.");
    }

    private static DomainError invalidCredential() {
        return new DomainError.Invalid("invalid_credential", "That is not a WebAuthn credential as the browser returns it.");
    }

    private static DomainError ceremonyUnknown() {
        return new DomainError.Conflict("passkey_challenge_unknown", "This passkey prompt expired or was already answered; start again.");
    }
}
