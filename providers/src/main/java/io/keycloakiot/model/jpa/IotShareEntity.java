package io.keycloakiot.model.jpa;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import io.keycloakiot.common.Owners;
import io.keycloakiot.model.ShareModel;
import io.keycloakiot.model.ShareStatus;
import io.keycloakiot.permission.PermissionCatalogue;

/**
 * A device or ground shared by its owner with an e-mail address. One row per resource and address: inviting
 * the address again refreshes the row. The recipient becomes known when they accept. A re-share names its parent,
 * the re-sharer's share, and never gives more than it (see {@link ShareModel}).
 */
@Entity(name = "IotShare")
@Table(name = "IOT_SHARE")
public class IotShareEntity implements ShareModel {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** {@code device} or {@code ground}. */
    @Column(name = "RESOURCE_TYPE", length = 16, nullable = false)
    private String resourceType;

    @Column(name = "RESOURCE_ID", length = 36, nullable = false)
    private String resourceId;

    @Column(name = "OWNER_ID", length = Owners.USER_ID_MAX, nullable = false)
    private String ownerId;

    /** Lower-cased. */
    @Column(name = "RECIPIENT_EMAIL", nullable = false)
    private String recipientEmail;

    @Column(name = "RECIPIENT_ID", length = Owners.USER_ID_MAX)
    private String recipientId;

    /** Room for the most the catalogue allows: each action followed by a comma, after a leading comma. */
    static final int ACTIONS_LENGTH = 1 + PermissionCatalogue.MAX_ACTIONS * (PermissionCatalogue.NAME_MAX + 1);

    /**
     * Comma-separated, with a leading and a trailing comma, so that a query can ask for one action with
     * {@code like '%,read,%'}.
     */
    @Column(name = "ACTIONS", length = ACTIONS_LENGTH, nullable = false)
    private String actions;

    @Column(name = "RESHARE_ALLOWED", nullable = false)
    private boolean reshareAllowed;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 16, nullable = false)
    private ShareStatus status;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "CREATED_BY", length = Owners.USER_ID_MAX)
    private String createdBy;

    @Column(name = "RESPONDED_AT")
    private Long respondedAt;

    /** Epoch milliseconds; null = until revoked. */
    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    /** For a re-share, the re-sharer's own share it was made from; null for a share the owner (or an admin) made. */
    @Column(name = "PARENT_ID", length = 36)
    private String parentId;

    @Override
    public List<String> getActions() {
        return JpaShareProvider.actionsOf(actions);
    }

    @Override
    public void setActions(List<String> actionList) {
        this.actions = "," + String.join(",", actionList) + ",";
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

    public String getResourceType() {
        return resourceType;
    }

    public void setResourceType(String resourceType) {
        this.resourceType = resourceType;
    }

    public String getResourceId() {
        return resourceId;
    }

    public void setResourceId(String resourceId) {
        this.resourceId = resourceId;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public String getRecipientEmail() {
        return recipientEmail;
    }

    public void setRecipientEmail(String recipientEmail) {
        this.recipientEmail = recipientEmail;
    }

    public String getRecipientId() {
        return recipientId;
    }

    public void setRecipientId(String recipientId) {
        this.recipientId = recipientId;
    }

    public boolean isReshareAllowed() {
        return reshareAllowed;
    }

    public void setReshareAllowed(boolean reshareAllowed) {
        this.reshareAllowed = reshareAllowed;
    }

    public ShareStatus getStatus() {
        return status;
    }

    public void setStatus(ShareStatus status) {
        this.status = status;
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

    public Long getRespondedAt() {
        return respondedAt;
    }

    public void setRespondedAt(Long respondedAt) {
        this.respondedAt = respondedAt;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getParentId() {
        return parentId;
    }

    public void setParentId(String parentId) {
        this.parentId = parentId;
    }
}
