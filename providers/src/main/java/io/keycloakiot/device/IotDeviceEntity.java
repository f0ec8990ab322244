package io.keycloakiot.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import io.keycloakiot.common.Owners;
import io.keycloakiot.common.RealmOwned;

/** A device of a realm, owned by a user or (owner null) by the realm's fleet. */
@Entity(name = "IotDevice")
@Table(name = "IOT_DEVICE")
public class IotDeviceEntity implements RealmOwned {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "EXTERNAL_ID")
    private String externalId;

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

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

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

    public void setExternalId(String externalId) {
        this.externalId = externalId;
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

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }
}
