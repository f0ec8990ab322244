package io.keycloakiot.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import io.keycloakiot.common.Owners;
import io.keycloakiot.model.TokenKind;
import io.keycloakiot.model.TokenModel;
import org.hibernate.annotations.Nationalized;

/**
 * An issued token. The id is the token's public key id; only a hash of the token is kept. Revoking deletes
 * the row (the admin-event store keeps the history), so an unknown key id and a revoked one look the same.
 */
@Entity(name = "IotToken")
@Table(name = "IOT_CREDENTIAL")
public class IotTokenEntity implements TokenModel {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 16, nullable = false)
    private TokenKind kind;

    /** The device (DEVICE), ground (GROUND) or user (PROFILE) the token speaks for. */
    @Column(name = "SUBJECT_ID", length = Owners.USER_ID_MAX, nullable = false)
    private String subjectId;

    @Column(name = "NAME", nullable = false)
    private String name;

    @Column(name = "SECRET_HASH", length = 64, nullable = false)
    private String secretHash;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "CREATED_BY", length = Owners.USER_ID_MAX)
    private String createdBy;

    /** Epoch milliseconds; null = never expires. */
    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    @Column(name = "LAST_USED_AT")
    private Long lastUsedAt;

    @Column(name = "LAST_USED_IP", length = 64)
    private String lastUsedIp;

    /** The client id that presented the token at its last use (introspection, check API, exchange). */
    @Column(name = "LAST_USED_VIA", length = 255)
    private String lastUsedVia;

    /** Whose address {@link #lastUsedIp} is: {@code client} (the presenter's) or {@code holder} (reported by a trusted client). */
    @Column(name = "LAST_USED_IP_OF", length = 16)
    private String lastUsedIpOf;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled;

    /** The permissions as JSON ({@code PermissionSet}); null = the default of the token's kind. */
    @Nationalized
    @Column(name = "PERMISSIONS")
    private String permissions;

    public String getPermissions() {
        return permissions;
    }

    public void setPermissions(String permissions) {
        this.permissions = permissions;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public TokenKind getKind() {
        return kind;
    }

    public void setKind(TokenKind kind) {
        this.kind = kind;
    }

    public String getSubjectId() {
        return subjectId;
    }

    public void setSubjectId(String subjectId) {
        this.subjectId = subjectId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Long getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Long lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }

    public String getLastUsedIp() {
        return lastUsedIp;
    }

    public void setLastUsedIp(String lastUsedIp) {
        this.lastUsedIp = lastUsedIp;
    }

    public String getLastUsedVia() {
        return lastUsedVia;
    }

    public String getLastUsedIpOf() {
        return lastUsedIpOf;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
