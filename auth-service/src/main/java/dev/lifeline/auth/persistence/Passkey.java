package dev.lifeline.auth.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One registered passkey of an account: its public key and what the authenticator said about itself. */
@Entity
@Table(name = "passkey")
public class Passkey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "credential_id")
    public byte[] credentialId;

    /** webauthn4j's encoding of AAGUID, credential id and COSE public key. */
    @Column(name = "attested_credential_data")
    public byte[] attestedCredentialData;

    @Column(name = "sign_count")
    public long signCount;

    @Column(name = "uv_initialized")
    public boolean uvInitialized;

    @Column(name = "backup_eligible")
    public boolean backupEligible;

    @Column(name = "backup_state")
    public boolean backupState;

    public String name;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public static List<Passkey> ofAccount(UUID accountId) {
        return list("accountId = ?1 order by createdAt", accountId);
    }

    public static Optional<Passkey> find(UUID accountId, byte[] credentialId) {
        return find("accountId = ?1 and credentialId = ?2", accountId, credentialId).firstResultOptional();
    }

    /** Records a use: the new signature count, only ever forward (an authenticator without a counter always says 0). */
    public static void used(UUID id, long signCount, boolean backupState, Instant at) {
        update("signCount = greatest(signCount, ?1), backupState = ?2, lastUsedAt = ?3 where id = ?4", signCount, backupState, at, id);
    }
}
