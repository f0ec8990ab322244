package io.keycloakiot.model.jpa;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One device in one ground. A plain row (no JPA relationship) so removals are single bulk deletes. */
@Entity(name = "IotGroundMembership")
@Table(name = "IOT_GROUND_DEVICE")
@IdClass(IotGroundMembershipEntity.Key.class)
public class IotGroundMembershipEntity {

    @Id
    @Column(name = "GROUND_ID", length = 36)
    private String groundId;

    @Id
    @Column(name = "DEVICE_ID", length = 36)
    private String deviceId;

    @Column(name = "ADDED_AT", nullable = false)
    private long addedAt;

    public String getGroundId() {
        return groundId;
    }

    public void setGroundId(String groundId) {
        this.groundId = groundId;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(String deviceId) {
        this.deviceId = deviceId;
    }

    public long getAddedAt() {
        return addedAt;
    }

    public void setAddedAt(long addedAt) {
        this.addedAt = addedAt;
    }

    public static class Key implements Serializable {
        private String groundId;
        private String deviceId;

        public Key() {
        }

        public Key(String groundId, String deviceId) {
            this.groundId = groundId;
            this.deviceId = deviceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(groundId, other.groundId) && Objects.equals(deviceId, other.deviceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groundId, deviceId);
        }
    }
}
