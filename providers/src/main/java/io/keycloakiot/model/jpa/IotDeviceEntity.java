package io.keycloakiot.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import io.keycloakiot.common.Owners;
import io.keycloakiot.model.DeviceModel;

/** A device of a realm, owned by a user or (owner null) by the realm's fleet. */
@Entity(name = "IotDevice")
@Table(name = "IOT_DEVICE")
public class IotDeviceEntity implements DeviceModel {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "EXTERNAL_ID")
    private String externalId;

    /** The lower-case form of the external id, which the realm's unique index holds: one rule on every database. */
    @Column(name = "EXTERNAL_ID_KEY")
    private String externalIdKey;

    @Column(name = "NAME", nullable = false)
    private String name;

    @Column(name = "TYPE", length = 64, nullable = false)
    private String type;

    @Column(name = "OWNER_ID", length = Owners.USER_ID_MAX)
    private String ownerId;

    /** A JSON object of string values; small and never queried, so one column instead of a table. */
    @Column(name = "ATTRIBUTES", length = 4000)
    private String attributes;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled;

    /** Set when an administrator disabled the device: then only an administrator enables it again. */
    @Column(name = "DISABLED_BY_ADMIN", nullable = false)
    private boolean disabledByAdmin;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /** SHA-256 of the fleet device's one-time claim secret; null = it cannot be claimed. */
    @Column(name = "CLAIM_SECRET_HASH", length = 64)
    private String claimSecretHash;

    @Column(name = "CLAIM_SECRET_EXPIRES_AT")
    private Long claimSecretExpiresAt;

    /** Refused claims in a row; see {@link ClaimSecret}. */
    @Column(name = "CLAIM_FAILURES", nullable = false)
    private int claimFailures;

    @Column(name = "CLAIM_FAILED_AT")
    private Long claimFailedAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @Override
    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getExternalIdKey() {
        return externalIdKey;
    }

    /** Sets the external id and the key its uniqueness is checked by. */
    public void setExternalId(String externalId) {
        this.externalId = externalId;
        this.externalIdKey = DeviceModel.keyOf(externalId);
    }


    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    @Override
    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public String getAttributes() {
        return attributes;
    }

    public void setAttributes(String attributes) {
        this.attributes = attributes;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isDisabledByAdmin() {
        return disabledByAdmin;
    }

    public void setDisabledByAdmin(boolean disabledByAdmin) {
        this.disabledByAdmin = disabledByAdmin;
    }

    public String getClaimSecretHash() {
        return claimSecretHash;
    }

    public void setClaimSecretHash(String claimSecretHash) {
        this.claimSecretHash = claimSecretHash;
    }

    public Long getClaimSecretExpiresAt() {
        return claimSecretExpiresAt;
    }

    public void setClaimSecretExpiresAt(Long claimSecretExpiresAt) {
        this.claimSecretExpiresAt = claimSecretExpiresAt;
    }

    public int getClaimFailures() {
        return claimFailures;
    }

    public void setClaimFailures(int claimFailures) {
        this.claimFailures = claimFailures;
    }

    public Long getClaimFailedAt() {
        return claimFailedAt;
    }

    public void setClaimFailedAt(Long claimFailedAt) {
        this.claimFailedAt = claimFailedAt;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }
}
